package dev.vrack.license;

/** A granted seat: one running instance of {@code appId} in the holder's slot, until {@code expiresAtMs}. */
public record Lease(long leaseId, String appId, Holder holder, long grantedAtMs, long expiresAtMs) {

    Lease renewedUntil(long newExpiry) {
        return new Lease(leaseId, appId, holder, grantedAtMs, newExpiry);
    }
}
