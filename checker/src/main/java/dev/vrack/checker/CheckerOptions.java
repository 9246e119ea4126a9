package dev.vrack.checker;

/**
 * How lenient the leak check is.
 *
 * @param marginMs added to a lease's ttl: a seat whose holder ended less than {@code ttl + marginMs} before the
 *                 last event is a pending reclaim, not a leak. It should cover the manager's safety margin plus the
 *                 period of its expiry sweep.
 */
public record CheckerOptions(long marginMs) {

    /** The rack's default safety margin (2 s) plus a second for the manager's expiry sweep. */
    public static final long DEFAULT_MARGIN_MS = 3_000;

    public CheckerOptions {
        if (marginMs < 0) {
            throw new IllegalArgumentException("the margin must be 0 ms or more, got " + marginMs
                    + " ms; pass the manager's safety margin plus its sweep period");
        }
    }

    /** The default options. */
    public static CheckerOptions defaults() {
        return new CheckerOptions(DEFAULT_MARGIN_MS);
    }
}
