package dev.vrack.license;

/**
 * The timing of leases. An agent renews well before {@code ttlMs} runs out and suspends its application
 * if it cannot; the manager gives a silent holder's seat away only after {@code ttlMs + safetyMarginMs},
 * so the holder has provably stopped before anyone else starts (the margin covers clock rate differences
 * and the agent's reaction time). {@code keyGraceMs} is how long determinations still succeed after the
 * USB key is pulled.
 */
public record LeasePolicy(long ttlMs, long safetyMarginMs, long keyGraceMs) {

    public LeasePolicy {
        if (ttlMs <= 0 || safetyMarginMs < 0 || keyGraceMs < 0) {
            throw new IllegalArgumentException("lease policy needs ttl > 0 and non-negative margin and grace, got "
                    + ttlMs + "/" + safetyMarginMs + "/" + keyGraceMs);
        }
    }

    /** 10 s leases, 2 s safety margin, no key grace. */
    public static LeasePolicy defaults() {
        return new LeasePolicy(10_000, 2_000, 0);
    }
}
