package dev.vrack.dhcp;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkGate;
import dev.vrack.common.LinkShaper;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The slot's link as a DHCP socket meets it, one datagram at a time: passed at once, passed later (delay,
 * jitter; order kept), or lost (down, blackhole, or drawn lost with the link's loss percentage).
 */
final class DatagramLink {

    private final LinkGate gate;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Direction inbound;
    private final Direction outbound;

    /** One way across the link: its draws, and the datagrams waiting to pass, in the order they must pass. */
    private static final class Direction {
        final LinkShaper shaper;
        final java.util.ArrayDeque<Pending> waiting = new java.util.ArrayDeque<>();

        Direction(LinkShaper shaper) {
            this.shaper = shaper;
        }
    }

    private record Pending(long atNanos, Runnable action) {
    }

    /**
     * @param scheduler where late datagrams are passed on
     * @param salt      told apart from the slot's other sockets, so each draws its own fates from the one seed
     */
    DatagramLink(LinkGate gate, ScheduledExecutorService scheduler, LongSupplier nanoClock, long salt) {
        this.gate = gate;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        Random seeds = new Random(gate.seed() ^ salt);
        this.inbound = new Direction(new LinkShaper(new Random(seeds.nextLong())));
        this.outbound = new Direction(new LinkShaper(new Random(seeds.nextLong())));
    }

    /** Passes a received datagram to {@code deliver} now, later or never; false when it is lost. */
    boolean inbound(Runnable deliver) {
        return pass(inbound, deliver);
    }

    /** Passes a datagram to {@code send} (which puts it on the wire) now, later or never; false when it is lost. */
    boolean outbound(Runnable send) {
        return pass(outbound, send);
    }

    private boolean pass(Direction direction, Runnable action) {
        LinkCondition condition = gate.condition();
        boolean nothingWaits;
        synchronized (direction) {
            nothingWaits = direction.waiting.isEmpty();
        }
        if (!condition.impaired() && nothingWaits) {
            if (!condition.passes()) {
                return false;
            }
            action.run();
            return true;
        }
        long now = nanoClock.getAsLong();
        long delay = direction.shaper.datagram(condition, now);
        if (delay == LinkShaper.LOST) {
            return false;
        }
        synchronized (direction) {
            direction.waiting.addLast(new Pending(now + delay, action));
        }
        try {
            scheduler.schedule(() -> drain(direction), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Closing: a datagram still in flight is lost with the socket.
            return false;
        }
        return true;
    }

    /**
     * Passes on every datagram whose time has come, oldest first. Timers of equal deadlines may fire in any
     * order; draining the queue from its head is what keeps the datagrams in theirs.
     */
    private void drain(Direction direction) {
        while (true) {
            Pending next;
            synchronized (direction) {
                Pending head = direction.waiting.peekFirst();
                if (head == null || head.atNanos() > nanoClock.getAsLong()) {
                    return;
                }
                next = direction.waiting.pollFirst();
            }
            next.action().run();
        }
    }
}
