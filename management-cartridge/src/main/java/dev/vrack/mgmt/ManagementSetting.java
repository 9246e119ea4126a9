package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.ChassisIdReading;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.config.ConfigException;
import dev.vrack.config.RackConfig;
import dev.vrack.config.RackConfigLoader;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What the management cartridge knows once seated: the rack definition, what `rack up` decided, the
 * state folder, and its chassis's ID read from the ID memory.
 */
public record ManagementSetting(RackConfig rack, RackRuntime runtime, StateLayout layout, String chassisId) {

    private static final long ID_MEMORY_ANSWER_SECONDS = 10;

    /** Reads the rack files of the state folder and the ID memory over the backplane. */
    public static ManagementSetting load(CartridgeContext context) throws Exception {
        StateLayout layout = context.layout();
        RackConfig rack;
        try {
            rack = RackConfigLoader.load(layout.rackFile());
        } catch (ConfigException e) {
            throw new IllegalStateException("cannot use the rack definition " + layout.rackFile() + ": "
                    + e.getMessage(), e);
        }
        RackRuntime runtime;
        try {
            runtime = RackRuntime.read(layout.runtimeFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + layout.runtimeFile() + " (written by rack up): "
                    + e.getMessage(), e);
        }
        ChassisIdReading id = context.backplane().readIdMemory().get(ID_MEMORY_ANSWER_SECONDS, TimeUnit.SECONDS);
        if (id.refused()) {
            throw new IllegalStateException("the management cartridge must sit in a slot wired to the I/O bus, "
                    + "but the chassis refused the ID memory: " + id.reason()
                    + "; seat it in an I/O-bus slot (ioBus in the rack file, slot 0 by default)");
        }
        return new ManagementSetting(rack, runtime, layout, id.chassisId());
    }
}
