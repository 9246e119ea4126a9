package dev.vrack.common;

/**
 * A slot's network link as its sockets see it. Every LAN socket of a cartridge asks its gate before
 * sending and drops what it receives while the gate is closed, as a cut cable would; sockets that can
 * model more (delay, loss, a blackhole that keeps the carrier up) read the whole {@link #condition()}.
 */
@FunctionalInterface
public interface LinkGate {

    /** Frames may pass (an up link, possibly impaired): false when the link is down or a blackhole. */
    boolean allowsTraffic();

    /** The whole condition; gates that only know up and down answer {@link LinkCondition#UP} or DOWN. */
    default LinkCondition condition() {
        return allowsTraffic() ? LinkCondition.UP : LinkCondition.DOWN;
    }

    /**
     * The interface sees a cable (up or blackhole). A connection-oriented client goes offline only when
     * this is false: a blackhole must be found out the hard way, by unanswered requests.
     */
    default boolean carrier() {
        return condition().carrier();
    }

    /** The seed of the random draws (jitter, loss) of this link's sockets, so a run can be replayed. */
    default long seed() {
        return 0L;
    }

    /** A gate for code running outside any slot (tests, the command line). */
    LinkGate ALWAYS_UP = () -> true;
}
