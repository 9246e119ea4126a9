package dev.vrack.app;

import dev.vrack.appapi.AppContext;
import dev.vrack.common.EventLog;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the app cartridge gives its application: the leased address, the slot, events, and the agent's answer. */
final class CartridgeAppContext implements AppContext {

    private final InetAddress address;
    private final String chassis;
    private final int slot;
    private final String chassisId;
    private final EventLog events;
    private final BooleanSupplier permitted;

    CartridgeAppContext(InetAddress address, String chassis, int slot, String chassisId, EventLog events,
                        BooleanSupplier permitted) {
        this.address = address;
        this.chassis = chassis;
        this.slot = slot;
        this.chassisId = chassisId;
        this.events = events;
        this.permitted = permitted;
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public String chassis() {
        return chassis;
    }

    @Override
    public int slot() {
        return slot;
    }

    @Override
    public String chassisId() {
        return chassisId;
    }

    @Override
    public void event(String type, Map<String, Object> details) {
        events.emit(type, details == null ? Map.of() : details);
    }

    @Override
    public boolean permitted() {
        return permitted.getAsBoolean();
    }
}
