package dev.vrack.chassis;

import dev.vrack.common.EventLog;
import dev.vrack.common.StateLayout;
import java.util.Map;

/** The chassis's read-only identification memory, readable only from slots wired to the I/O bus. */
public final class IdMemory {

    private final String chassis;
    private final String chassisId;
    private final IoBus bus;
    private final EventLog events;

    public IdMemory(String chassis, String chassisId, IoBus bus, EventLog events) {
        this.chassis = chassis;
        this.chassisId = chassisId;
        this.bus = bus;
        this.events = events;
    }

    /** The chassis ID as the chassis itself knows it (not a read over the bus). */
    public String chassisId() {
        return chassisId;
    }

    /** A read over the bus by the cartridge in {@code slot}; refused (and recorded) for unwired slots. */
    public String read(int slot) {
        String source = StateLayout.slotSource(chassis, slot);
        try {
            bus.requireWired(slot);
        } catch (NoSuchDeviceException e) {
            events.emitFrom(source, "idmemory.refused", Map.of("reason", e.getMessage()));
            throw e;
        }
        events.emitFrom(source, "idmemory.read", Map.of("chassisId", chassisId));
        return chassisId;
    }
}
