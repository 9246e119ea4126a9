package dev.vrack.agent;

/**
 * The agent's clocks: renew every {@code renewEveryMs}; suspend the application {@code suspendAheadMs}
 * before its lease runs out if no renewal came back; retry a refused or failed request after
 * {@code retryMs} (FIG. 31 step S105, FIG. 34 step S136).
 */
public record AgentTiming(long renewEveryMs, long suspendAheadMs, long retryMs) {

    public AgentTiming {
        if (renewEveryMs <= 0 || suspendAheadMs < 0 || retryMs <= 0) {
            throw new IllegalArgumentException("agent timing needs positive intervals, got "
                    + renewEveryMs + "/" + suspendAheadMs + "/" + retryMs);
        }
    }

    /** For a lease of {@code ttlMs}: renew at a third of it, suspend a tenth before its end, retry every 2 s. */
    public static AgentTiming forLease(long ttlMs) {
        return new AgentTiming(Math.max(1, ttlMs / 3), Math.max(1, ttlMs / 10), 2_000);
    }
}
