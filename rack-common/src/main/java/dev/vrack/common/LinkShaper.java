package dev.vrack.common;

import java.util.Random;

/**
 * Decides the fate of each frame crossing a link in one direction: delivered now, delivered later, or lost.
 * Pure logic (time passed in, randomness from a seeded {@link Random}); one instance per socket and
 * direction, since it keeps frames in order: a frame is never delivered before the one sent before it.
 *
 * <p>Loss differs by transport. A datagram (DHCP) is simply dropped. A stream frame (the license TCP
 * connection) cannot be lost: the kernel would retransmit it, so a "lost" frame arrives after an extra
 * {@value #FIRST_RTO_MS} ms, doubling each time the retransmission is lost too (an RTO with exponential
 * backoff); after {@value #MAX_RETRANSMISSIONS} retransmissions the frame is dropped, as a connection that
 * gave up would. The frames behind it wait (head-of-line blocking), as they would on TCP.
 */
public final class LinkShaper {

    /** The first retransmission timeout of the stream model (Linux's TCP_RTO_MIN). */
    public static final long FIRST_RTO_MS = 200;
    /** Retransmissions before a stream frame is given up (the model of a connection timing out). */
    public static final int MAX_RETRANSMISSIONS = 8;
    /** The result meaning "this frame is lost". */
    public static final long LOST = -1;

    private final Random random;
    private long lastDeliveryNanos = Long.MIN_VALUE;

    public LinkShaper(Random random) {
        this.random = random;
    }

    /**
     * The delay (nanoseconds from {@code nowNanos}) after which a datagram is delivered, or {@link #LOST}.
     * Down and blackhole links lose everything.
     */
    public synchronized long datagram(LinkCondition condition, long nowNanos) {
        if (!condition.passes() || lost(condition)) {
            return LOST;
        }
        return schedule(nowNanos, drawDelayMs(condition));
    }

    /**
     * The delay (nanoseconds from {@code nowNanos}) after which a frame of a stream is delivered, or
     * {@link #LOST} (down, blackhole, or retransmitted too often).
     */
    public synchronized long streamFrame(LinkCondition condition, long nowNanos) {
        if (!condition.passes()) {
            return LOST;
        }
        long extraMs = 0;
        long rto = FIRST_RTO_MS;
        int losses = 0;
        while (lost(condition)) {
            if (++losses > MAX_RETRANSMISSIONS) {
                return LOST;
            }
            extraMs += rto;
            rto *= 2;
        }
        return schedule(nowNanos, drawDelayMs(condition) + extraMs);
    }

    private boolean lost(LinkCondition condition) {
        return condition.lossPercent() > 0 && random.nextDouble() * 100 < condition.lossPercent();
    }

    private long drawDelayMs(LinkCondition condition) {
        long jitter = condition.jitterMs();
        long draw = jitter == 0 ? 0 : (long) Math.floor((random.nextDouble() * 2 - 1) * jitter);
        return Math.max(0, condition.delayMs() + draw);
    }

    /** Never earlier than the previous frame: order is kept even when jitter says otherwise. */
    private long schedule(long nowNanos, long delayMs) {
        long at = nowNanos + delayMs * 1_000_000;
        if (lastDeliveryNanos != Long.MIN_VALUE && at < lastDeliveryNanos) {
            at = lastDeliveryNanos;
        }
        lastDeliveryNanos = at;
        return at - nowNanos;
    }
}
