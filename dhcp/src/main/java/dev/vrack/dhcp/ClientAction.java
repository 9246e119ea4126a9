package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;

/** What the client state machine asks its transport to do. */
public sealed interface ClientAction {

    /** How a packet leaves the client. */
    enum Route {
        /** To the hub's port for the slot, from an ephemeral socket: what a broadcast is on a real segment. */
        HUB,
        /** Straight to the server, from leasedIp:clientPort (RENEWING, RELEASE). */
        UNICAST
    }

    /** Why a lease came into force. */
    enum BindKind { BOUND, RENEWED, REBOUND }

    /** Send {@code packet}; for {@link Route#UNICAST}, {@code to} is the server, else null. */
    record Send(DhcpPacket packet, Route route, Ipv4Address to) implements ClientAction {
    }

    /** Call {@code onTimer} at this time; replaces any earlier timer. */
    record ArmTimer(long atEpochMs) implements ClientAction {
    }

    /** A lease is in force (new, renewed or rebound). */
    record Bound(Lease lease, BindKind kind) implements ClientAction {
    }

    /** The lease is gone: expired, or refused by a NAK. */
    record Lost(Lease lease, String reason, boolean expired) implements ClientAction {
    }

    /** The lease was given back with a RELEASE. */
    record Released(Lease lease) implements ClientAction {
    }
}
