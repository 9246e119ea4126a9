package dev.vrack.chassis;

import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.LinkCondition;
import dev.vrack.common.StateLayout;
import dev.vrack.dhcp.HubRelay;
import dev.vrack.dhcp.RelayAgent;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The chassis hub: one LAN port per slot with its link condition (up, down, blackhole, impairments), and the
 * DHCP relay agent that
 * carries the slots' DHCP traffic to the server (adding option 82 with chassis and slot).
 */
public final class Hub implements AutoCloseable {

    private final String chassis;
    private final Ipv4Address address;
    private final int relayPort;
    private final EventLog events;
    private final LinkListener listener;
    /** Each slot's link; read by the relay's I/O threads on every packet. */
    private final AtomicReferenceArray<LinkCondition> links;
    private HubRelay relay;

    private Hub(String chassis, Ipv4Address address, int relayPort, int slotCount, EventLog events,
                LinkListener listener) {
        this.chassis = chassis;
        this.address = address;
        this.relayPort = relayPort;
        this.events = events;
        this.listener = listener;
        this.links = new AtomicReferenceArray<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            links.set(i, LinkCondition.UP);
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
        // The relay forwards only what can pass: a blackhole swallows at the hub too. Delay and loss are the
        // cartridge's to apply (once), not the hub's.
        hub.relay = HubRelay.start(agent, hubAddress, serverPort, dhcpServer, slotCount, hub::passes, events);
        return hub;
    }

    public Ipv4Address address() {
        return address;
    }

    public int relayPort() {
        return relayPort;
    }

    /** The slot's link condition (down for a slot number out of range). */
    public LinkCondition condition(int slot) {
        return slot >= 0 && slot < links.length() ? links.get(slot) : LinkCondition.DOWN;
    }

    /** The carrier is up (up or blackhole). */
    public boolean isUp(int slot) {
        return condition(slot).carrier();
    }

    /** Frames can pass (an up link, possibly impaired). */
    public boolean passes(int slot) {
        return condition(slot).passes();
    }

    /** The host of the relay's per-slot UDP ports (the hub address), where cartridges send their would-be broadcasts. */
    public String slotPortHost() {
        return address.toString();
    }

    /** The relay's UDP port for {@code slot}. */
    public int slotPort(int slot) {
        return relay.slotPort(slot);
    }

    /** Sets a slot's link up or down (with no impairment). */
    public boolean setLink(int slot, boolean up) {
        return setLink(slot, up ? LinkCondition.UP : LinkCondition.DOWN);
    }

    /**
     * Sets a slot's link condition; records ({@code link.changed}) and announces it when it changes.
     * An up condition replaces every impairment: {@code up} alone clears them.
     *
     * @return true when the condition changed
     */
    public synchronized boolean setLink(int slot, LinkCondition condition) {
        LinkCondition previous = links.getAndSet(slot, condition);
        if (previous.equals(condition)) {
            return false;
        }
        events.emitFrom(StateLayout.slotSource(chassis, slot), "link.changed", condition.details());
        listener.linkChanged(slot, condition);
        return true;
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
    }
}
