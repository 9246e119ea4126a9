package dev.vrack.dhcp;

/** What the relay agent decided for one packet: forward it (to the server, or to a slot) or drop it. */
public sealed interface RelayOutcome {

    /** Forward {@code packet}; {@code slot} is the client's slot (the source slot, or the destination one). */
    record Forward(int slot, DhcpPacket packet) implements RelayOutcome {
    }

    /** Drop the packet, for the stated reason. */
    record Drop(String reason) implements RelayOutcome {
    }
}
