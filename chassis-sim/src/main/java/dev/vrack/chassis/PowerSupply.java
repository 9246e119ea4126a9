package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import dev.vrack.common.ClassDataSharing;
import dev.vrack.common.JavaProcess;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

/** Powers slots: starts a cartridge process, hands it its nonce, and cuts its power (SIGKILL). */
public final class PowerSupply {

    private final StateLayout layout;
    private final String chassis;
    private final RackRuntime runtime;
    private final SecureRandom random = new SecureRandom();

    public PowerSupply(StateLayout layout, String chassis, RackRuntime runtime) {
        this.layout = layout;
        this.chassis = chassis;
        this.runtime = runtime;
    }

    /** A fresh secret proving that a backplane connection comes from the process powered in the slot. */
    public String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Starts the cartridge process for a {@code kind} cartridge in {@code slot}. */
    public Process start(int slot, String kind, String backplaneHost, int backplanePort) {
        String mainClass = runtime.mainClasses().get(kind);
        if (mainClass == null || mainClass.isBlank()) {
            throw new ChassisException(Reason.INTERNAL, "runtime.json names no main class for " + kind
                    + " cartridges (it has: " + runtime.mainClasses().keySet() + ")",
                    "restart the rack with rack down and rack up so that runtime.json is rewritten");
        }
        List<String> args = List.of("--state", layout.rackDir().toString(), "--chassis", chassis,
                "--slot", String.valueOf(slot), "--backplane", backplaneHost + ":" + backplanePort);
        try {
            ClassDataSharing.Claim sharing = ClassDataSharing.claim(layout.cdsDir(), kind);
            List<String> jvm = new ArrayList<>(runtime.cartridgeJvmOptions());
            jvm.addAll(sharing.jvmOptions());
            Process process = JavaProcess.start(mainClass, jvm, args, layout.cartridgeLog(chassis, slot), false);
            sharing.recordWriter(process.toHandle());
            return process;
        } catch (UncheckedIOException e) {
            throw new ChassisException(Reason.INTERNAL, "cannot start the cartridge process of slot " + slot
                    + " of chassis " + chassis + ": " + e.getMessage(), "see " + layout.chassisLog(chassis));
        }
    }

    /**
     * Writes the nonce line to the process's standard input. The pipe stays open: the cartridge may
     * treat its end as one more sign that the chassis is gone.
     */
    public void sendNonce(Process process, String nonce) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            // The process died before reading it; its exit is reported through onExit like any other.
        }
    }

    /** The power cut: SIGKILL to the process and anything it started, at once. */
    public void cut(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
