package dev.vrack.chassis;

import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.StateLayout;
import dev.vrack.dhcp.HubRelay;
import dev.vrack.dhcp.RelayAgent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The chassis hub: one LAN port per slot with its link state, and the DHCP relay agent that
 * carries the slots' DHCP traffic to the server (adding option 82 with chassis and slot).
 */
public final class Hub implements AutoCloseable {

    private final String chassis;
    private final Ipv4Address address;
    private final int relayPort;
    private final EventLog events;
    private final LinkListener listener;
    /** 1 = link up, 0 = link down; read by the relay's I/O threads on every packet. */
    private final AtomicIntegerArray links;
    private HubRelay relay;

    private Hub(String chassis, Ipv4Address address, int relayPort, int slotCount, EventLog events,
                LinkListener listener) {
        this.chassis = chassis;
        this.address = address;
        this.relayPort = relayPort;
        this.events = events;
        this.listener = listener;
        this.links = new AtomicIntegerArray(slotCount);
        for (int i = 0; i < slotCount; i++) {
            links.set(i, 1);
        }
    }

    /**
     * Starts the hub with every link up and its relay listening.
     *
     * @param serverPort the DHCP server port, also the port the relay sends from (runtime.json)
     */
    public static Hub start(String chassis, String chassisId, Ipv4Address hubAddress, int serverPort,
                            Ipv4Address dhcpServer, int slotCount, EventLog events, LinkListener listener) {
        Hub hub = new Hub(chassis, hubAddress, serverPort, slotCount, events, listener);
        RelayAgent agent = new RelayAgent(chassis, chassisId, hubAddress);
        hub.relay = HubRelay.start(agent, hubAddress, serverPort, dhcpServer, slotCount, hub::isUp, events);
        return hub;
    }

    public Ipv4Address address() {
        return address;
    }

    public int relayPort() {
        return relayPort;
    }

    public boolean isUp(int slot) {
        return slot >= 0 && slot < links.length() && links.get(slot) == 1;
    }

    /** The host of the relay's per-slot UDP ports (the hub address), where cartridges send their would-be broadcasts. */
    public String slotPortHost() {
        return address.toString();
    }

    /** The relay's UDP port for {@code slot}. */
    public int slotPort(int slot) {
        return relay.slotPort(slot);
    }

    /**
     * Sets a slot's link; records and announces it when it changes.
     *
     * @return true when the state changed
     */
    public boolean setLink(int slot, boolean up) {
        int previous = links.getAndSet(slot, up ? 1 : 0);
        if (previous == (up ? 1 : 0)) {
            return false;
        }
        events.emitFrom(StateLayout.slotSource(chassis, slot), "link.changed", Map.of("link", up ? "up" : "down"));
        listener.linkChanged(slot, up);
        return true;
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
    }
}
