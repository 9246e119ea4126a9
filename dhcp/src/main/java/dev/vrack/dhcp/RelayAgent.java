package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;

/**
 * The DHCP relay agent logic of a chassis hub (RFC 2131 section 4.1, RFC 1542, RFC 3046), without
 * sockets: it rewrites packets from a slot towards the server and routes the server's answers back
 * to the slot named in the circuit ID.
 */
public final class RelayAgent {

    /** RFC 1542 section 4.1.1: relay agents discard requests that have already crossed 16 hops. */
    public static final int MAX_HOPS = 16;

    private final String chassisName;
    private final String chassisId;
    private final Ipv4Address hubAddress;

    public RelayAgent(String chassisName, String chassisId, Ipv4Address hubAddress) {
        if (chassisName == null || chassisName.isEmpty() || chassisName.contains("/")) {
            throw new IllegalArgumentException("chassis name must be non-empty and without '/', got '"
                    + chassisName + "'");
        }
        this.chassisName = chassisName;
        this.chassisId = chassisId == null ? "" : chassisId;
        this.hubAddress = hubAddress;
    }

    public Ipv4Address hubAddress() {
        return hubAddress;
    }

    /** The circuit ID of a slot, e.g. {@code A/3}. */
    public String circuitId(int slot) {
        return chassisName + "/" + slot;
    }

    /** A client's message heard on {@code slot}: relay it to the server, or drop it. */
    public RelayOutcome fromClient(int slot, DhcpPacket packet) {
        if (packet.op() != DhcpPacket.BOOTREQUEST) {
            return new RelayOutcome.Drop("a BOOTREPLY arrived from slot " + slot + "; clients only send requests");
        }
        if (packet.hops() >= MAX_HOPS) {
            return new RelayOutcome.Drop("hops is " + packet.hops() + "; the limit is " + MAX_HOPS);
        }
        if (packet.options().has(DhcpOptionCode.RELAY_AGENT_INFO)) {
            // RFC 3046 section 2.1: a relay agent must not trust option 82 from the client side; a client
            // that sets it may be trying to impersonate another slot's reservation.
            return new RelayOutcome.Drop("slot " + slot + " sent a packet that already carries option 82");
        }
        DhcpPacket.Builder out = packet.toBuilder().hops(packet.hops() + 1)
                .options(packet.options().withRelayAgentInfo(new RelayAgentInfo(circuitId(slot), chassisId)));
        if (packet.giaddr().isZero()) {
            out.giaddr(hubAddress);
        }
        return new RelayOutcome.Forward(slot, out.build());
    }

    /** A server's answer heard on the relay port: route it to its slot with option 82 removed, or drop it. */
    public RelayOutcome fromServer(DhcpPacket packet) {
        if (packet.op() != DhcpPacket.BOOTREPLY) {
            return new RelayOutcome.Drop("a BOOTREQUEST arrived on the relay port; only server replies are relayed");
        }
        var info = packet.options().relayAgentInfo();
        if (info.isEmpty()) {
            return new RelayOutcome.Drop("server reply has no relay agent information (option 82), so no slot");
        }
        String circuit = info.get().circuitId();
        String prefix = chassisName + "/";
        if (!circuit.startsWith(prefix)) {
            return new RelayOutcome.Drop("circuit ID '" + circuit + "' belongs to another chassis, not " + chassisName);
        }
        if (!info.get().remoteId().equals(chassisId)) {
            return new RelayOutcome.Drop("remote ID '" + info.get().remoteId() + "' is not this chassis's ID");
        }
        int slot;
        try {
            slot = Integer.parseInt(circuit.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return new RelayOutcome.Drop("circuit ID '" + circuit + "' does not name a slot number");
        }
        if (slot < 0) {
            return new RelayOutcome.Drop("circuit ID '" + circuit + "' names a negative slot");
        }
        DhcpPacket stripped = packet.toBuilder()
                .options(packet.options().without(DhcpOptionCode.RELAY_AGENT_INFO)).build();
        return new RelayOutcome.Forward(slot, stripped);
    }
}
