package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;

/** A packet the server is to send, and where (chosen per RFC 2131 section 4.1, never a broadcast). */
public record DhcpReply(DhcpPacket packet, Ipv4Address toAddress, int toPort) {
}
