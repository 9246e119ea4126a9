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
    private final LinkShaper inbound;
    private final LinkShaper outbound;

    /**
     * @param scheduler where late datagrams are passed on
     * @param salt      told apart from the slot's other sockets, so each draws its own fates from the one seed
     */
    DatagramLink(LinkGate gate, ScheduledExecutorService scheduler, LongSupplier nanoClock, long salt) {
        this.gate = gate;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        Random seeds = new Random(gate.seed() ^ salt);
        this.inbound = new LinkShaper(new Random(seeds.nextLong()));
        this.outbound = new LinkShaper(new Random(seeds.nextLong()));
    }

    /** Passes a received datagram to {@code deliver} now, later or never; false when it is lost. */
    boolean inbound(Runnable deliver) {
        return pass(inbound, deliver);
    }

    /** Passes a datagram to {@code send} (which puts it on the wire) now, later or never; false when it is lost. */
    boolean outbound(Runnable send) {
        return pass(outbound, send);
    }

    private boolean pass(LinkShaper shaper, Runnable action) {
        LinkCondition condition = gate.condition();
        if (!condition.impaired()) {
            if (!condition.passes()) {
                return false;
            }
            action.run();
            return true;
        }
        long delay = shaper.datagram(condition, nanoClock.getAsLong());
        if (delay == LinkShaper.LOST) {
            return false;
        }
        if (delay == 0) {
            action.run();
            return true;
        }
        try {
            scheduler.schedule(action, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Closing: a datagram still in flight is lost with the socket.
            return false;
        }
        return true;
    }
}
