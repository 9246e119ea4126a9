package dev.vrack.chassis;

import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.common.ProcessRecord;
import dev.vrack.common.TimeSource;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.ConfigException;
import dev.vrack.config.RackConfig;
import dev.vrack.config.RackConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chassis process, started by {@code rack up}: loads the rack from its state folder, opens the
 * chassis, writes {@code control.json}, powers the configured cartridges and runs until shut down
 * ({@code POST /shutdown} or SIGTERM).
 */
public final class ChassisMain {

    private ChassisMain() {
    }

    public static void main(String[] args) {
        Chassis chassis;
        try {
            chassis = boot(ChassisArgs.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("chassis: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalStateException e) {
            System.err.println("chassis: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("chassis: cannot start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        chassis.terminated().join();
        System.exit(0);
    }

    static Chassis boot(ChassisArgs args) {
        StateLayout layout = new StateLayout(args.stateDir());
        RackConfig rack;
        try {
            rack = RackConfigLoader.load(layout.rackFile());
        } catch (ConfigException e) {
            throw new IllegalStateException("cannot load " + layout.rackFile() + ": " + e.getMessage(), e);
        }
        ChassisConfig config = rack.chassis(args.chassis()).orElseThrow(() -> new IllegalArgumentException(
                "chassis '" + args.chassis() + "' is not in " + layout.rackFile() + "; it has: "
                        + rack.chassis().stream().map(ChassisConfig::name).collect(Collectors.joining(", "))));
        RackRuntime runtime;
        String token;
        try {
            runtime = RackRuntime.read(layout.runtimeFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + layout.runtimeFile() + ": " + e.getMessage()
                    + "; rack up writes it before starting the chassis", e);
        }
        try {
            token = Files.readString(layout.controlTokenFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control token " + layout.controlTokenFile() + ": "
                    + e.getMessage() + "; rack up writes it before starting the chassis", e);
        }

        // A chassis killed with SIGKILL may have left cartridges that did not notice yet; they were ours.
        List<Long> leftovers = CartridgeSupervisor.killLeftovers(layout.cartridgesFile(config.name()));
        if (!leftovers.isEmpty()) {
            System.err.println("chassis: killed cartridges left by a previous run: " + leftovers);
        }

        Chassis chassis = Chassis.start(new Chassis.Settings(layout, rack, config, runtime, token,
                new KeychainUsbKeyInserter(layout.authorityPublicKey(), layout.dongleSecret()), TimeSource.SYSTEM));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> chassis.shutdown(runtime.gracefulTimeoutMs()),
                "chassis-sigterm"));
        try {
            ProcessRecord self = ProcessRecord.of(ProcessHandle.current());
            ControlFile.write(layout.controlFile(config.name()), self.pid(), self.started(), chassis.controlPort());
        } catch (IOException e) {
            chassis.shutdown(0);
            throw new IllegalStateException("cannot write " + layout.controlFile(config.name()) + ": " + e.getMessage(), e);
        }
        chassis.seatConfigured();
        return chassis;
    }
}
