package dev.vrack.scenario;

/** When an expectation must hold. */
public sealed interface Window {

    /** The condition must become true at some instant within {@code withinMs} after {@code from}. */
    record Eventually(Anchor from, long withinMs) implements Window {
    }

    /**
     * The condition must be true at every instant from {@code from} to {@code to}, except that it may be false for
     * at most {@code tolerateMs} at a stretch (a failover's dip, say; 0 = never).
     */
    record Always(Anchor from, Anchor to, long tolerateMs) implements Window {

        public Always {
            if (tolerateMs < 0) {
                throw new IllegalArgumentException("tolerateMs must not be negative, got " + tolerateMs);
            }
        }

        /** Without tolerance: true at every instant. */
        public Always(Anchor from, Anchor to) {
            this(from, to, 0);
        }
    }
}
