package dev.vrack.cartridge;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkGate;
import dev.vrack.common.LinkShaper;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Applies the slot's {@link LinkCondition} to the messages of one stream connection, both ways: on a down
 * link or a blackhole they vanish (a write "succeeds", as a write into a dead cable does); on an impaired
 * link they are delivered late, in order, with loss turned into retransmission delay (see {@link LinkShaper}).
 * Place it after the framing codecs, so it handles whole messages:
 * {@code pipeline.addLast("link", new LinkConditionHandler(link))} just before the protocol's handler.
 *
 * <p>Not sharable: each connection keeps its own order and draws. Everything runs on the channel's event loop.
 */
public final class LinkConditionHandler extends ChannelDuplexHandler {

    /** What waits to pass one way: a message (with its promise, outbound) or the end of the connection. */
    private record Held(Object message, ChannelPromise promise, long atNanos) {
    }

    private static final Object INACTIVE = new Object();

    private final LinkGate link;
    private final LinkShaper inboundShaper;
    private final LinkShaper outboundShaper;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Held> inbound = new ArrayDeque<>();
    private final ArrayDeque<Held> outbound = new ArrayDeque<>();
    private boolean inboundTimer;
    private boolean outboundTimer;

    /** A handler drawing from the link's own seed. */
    public LinkConditionHandler(LinkGate link) {
        this(link, new Random(link.seed()), System::nanoTime);
    }

    /** A handler with its own randomness and clock (tests). */
    public LinkConditionHandler(LinkGate link, Random random, LongSupplier nanoClock) {
        this.link = link;
        // Separate streams per direction, both from the one seed: the same run draws the same fates.
        this.inboundShaper = new LinkShaper(new Random(random.nextLong()));
        this.outboundShaper = new LinkShaper(new Random(random.nextLong()));
        this.nanoClock = nanoClock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LinkCondition condition = link.condition();
        if (!condition.impaired() && inbound.isEmpty()) {
            if (condition.passes()) {
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        long now = nanoClock.getAsLong();
        long delay = inboundShaper.streamFrame(condition, now);
        if (delay == LinkShaper.LOST) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inbound.addLast(new Held(msg, null, now + delay));
        drainInbound(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll(outbound, new ClosedChannelException());
        if (inbound.isEmpty()) {
            ctx.fireChannelInactive();
            return;
        }
        // The end of the stream comes after the data before it, as a FIN would.
        long last = inbound.peekLast().atNanos();
        inbound.addLast(new Held(INACTIVE, null, last));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        LinkCondition condition = link.condition();
        if (!condition.impaired() && outbound.isEmpty()) {
            if (condition.passes()) {
                ctx.write(msg, promise);
            } else {
                vanish(msg, promise);
            }
            return;
        }
        long now = nanoClock.getAsLong();
        long delay = outboundShaper.streamFrame(condition, now);
        if (delay == LinkShaper.LOST) {
            vanish(msg, promise);
            return;
        }
        outbound.addLast(new Held(msg, promise, now + delay));
        drainOutbound(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll(inbound, null);
        releaseAll(outbound, new ClosedChannelException());
    }

    private void drainInbound(ChannelHandlerContext ctx) {
        long now = nanoClock.getAsLong();
        while (!inbound.isEmpty() && inbound.peekFirst().atNanos() <= now) {
            Held held = inbound.pollFirst();
            if (held.message() == INACTIVE) {
                ctx.fireChannelInactive();
            } else if (link.condition().passes()) {
                ctx.fireChannelRead(held.message());
            } else {
                // In flight when the cable was cut or blackholed: lost.
                ReferenceCountUtil.release(held.message());
            }
        }
        if (!inbound.isEmpty() && !inboundTimer) {
            inboundTimer = true;
            ctx.executor().schedule(() -> {
                inboundTimer = false;
                drainInbound(ctx);
            }, inbound.peekFirst().atNanos() - now, TimeUnit.NANOSECONDS);
        }
    }

    private void drainOutbound(ChannelHandlerContext ctx) {
        long now = nanoClock.getAsLong();
        boolean wrote = false;
        while (!outbound.isEmpty() && outbound.peekFirst().atNanos() <= now) {
            Held held = outbound.pollFirst();
            if (link.condition().passes()) {
                ctx.write(held.message(), held.promise());
                wrote = true;
            } else {
                vanish(held.message(), held.promise());
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (!outbound.isEmpty() && !outboundTimer) {
            outboundTimer = true;
            ctx.executor().schedule(() -> {
                outboundTimer = false;
                drainOutbound(ctx);
            }, outbound.peekFirst().atNanos() - now, TimeUnit.NANOSECONDS);
        }
    }

    /** A frame into a dead cable: the sender cannot tell, so its write succeeds. */
    private static void vanish(Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
    }

    private static void releaseAll(ArrayDeque<Held> held, Throwable failure) {
        while (!held.isEmpty()) {
            Held h = held.pollFirst();
            if (h.message() != INACTIVE) {
                ReferenceCountUtil.release(h.message());
            }
            if (h.promise() != null && failure != null) {
                h.promise().tryFailure(failure);
            }
        }
    }
}
