package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;

/**
 * The server's record of one address: who holds it, until when, in which state.
 *
 * @param clientId        option 61 as hex, else htype and chaddr as hex (empty for a declined address)
 * @param mac             hardware address as {@code 02:00:00:00:00:01} (for people, not for identity)
 * @param expiresEpochMs  end of the lease, offer hold or decline hold
 * @param circuit         option-82 circuit ID the client was last seen on, e.g. {@code A/3}; empty if none
 */
public record LeaseRecord(Ipv4Address ip, String clientId, String mac, long expiresEpochMs, LeaseState state,
                          String circuit) {

    public LeaseRecord {
        if (ip == null || state == null) {
            throw new IllegalArgumentException("a lease record needs an address and a state");
        }
        clientId = clientId == null ? "" : clientId;
        mac = mac == null ? "" : mac;
        circuit = circuit == null ? "" : circuit;
    }

    /** True while the address may not be given to anyone else. */
    public boolean isActive(long nowMs) {
        return state != LeaseState.RELEASED && expiresEpochMs > nowMs;
    }
}
