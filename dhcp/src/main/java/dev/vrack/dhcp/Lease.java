package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.util.List;
import java.util.Optional;

/**
 * A lease as the client holds it: its address, the server that granted it and the times that drive
 * renewal, all measured from when the client sent the REQUEST (RFC 2131 4.4.1).
 *
 * @param options every option of the ACK, for callers that want more (routers, DNS, ...)
 */
public record Lease(Ipv4Address ip, Ipv4Address server, Ipv4Address subnetMask, long leaseSeconds,
                    long renewalSeconds, long rebindingSeconds, long obtainedEpochMs, DhcpOptions options) {

    /** When to start RENEWING (T1). */
    public long renewAtEpochMs() {
        return obtainedEpochMs + renewalSeconds * 1000;
    }

    /** When to start REBINDING (T2). */
    public long rebindAtEpochMs() {
        return obtainedEpochMs + rebindingSeconds * 1000;
    }

    public long expiresAtEpochMs() {
        return obtainedEpochMs + leaseSeconds * 1000;
    }

    public List<Ipv4Address> routers() {
        return options.routers();
    }

    public Optional<Ipv4Address> firstDnsServer() {
        return options.dnsServers().stream().findFirst();
    }

    /** Builds a lease from an ACK; empty if the ACK lacks an address or a lease time. */
    static Optional<Lease> fromAck(DhcpPacket ack, Ipv4Address fallbackServer, long requestSentEpochMs) {
        DhcpOptions o = ack.options();
        if (ack.yiaddr().isZero() || o.leaseSeconds().isEmpty()) {
            return Optional.empty();
        }
        long lease = o.leaseSeconds().getAsLong();
        long t1 = o.renewalSeconds().orElse(lease / 2);
        long t2 = o.rebindingSeconds().orElse(lease * 7 / 8);
        if (t1 > t2 || t2 > lease) {
            // RFC 2131 4.4.5 defaults when a server sends times out of order.
            t1 = lease / 2;
            t2 = lease * 7 / 8;
        }
        Ipv4Address server = o.serverId().orElse(fallbackServer);
        Ipv4Address mask = o.subnetMask().orElse(new Ipv4Address(0xffffff00));
        return Optional.of(new Lease(ack.yiaddr(), server, mask, lease, t1, t2, requestSentEpochMs, o));
    }
}
