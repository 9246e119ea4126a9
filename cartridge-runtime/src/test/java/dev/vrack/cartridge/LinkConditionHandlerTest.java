package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkGate;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler on an embedded channel whose clock moves only when the test says so. */
class LinkConditionHandlerTest {

    private final AtomicReference<LinkCondition> condition = new AtomicReference<>(LinkCondition.UP);
    private final LinkGate gate = new LinkGate() {
        @Override
        public boolean allowsTraffic() {
            return condition.get().passes();
        }

        @Override
        public LinkCondition condition() {
            return condition.get();
        }
    };
    private long nowNanos;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new LinkConditionHandler(gate, new Random(2024), () -> nowNanos));
    }

    private void advanceMs(long ms) {
        nowNanos += TimeUnit.MILLISECONDS.toNanos(ms);
        channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    private List<Object> inbound() {
        List<Object> read = new ArrayList<>();
        for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
            read.add(m);
        }
        return read;
    }

    private List<Object> outbound() {
        List<Object> written = new ArrayList<>();
        for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
            written.add(m);
        }
        return written;
    }

    @Test
    void aPlainUpLinkPassesEverythingAtOnce() {
        channel.writeInbound("in-1");
        channel.writeOutbound("out-1");
        assertThat(inbound()).containsExactly("in-1");
        assertThat(outbound()).containsExactly("out-1");
    }

    @Test
    void delayedFramesArriveLateAndInOrderBothWays() {
        condition.set(LinkCondition.impaired(100, 80, 0));
        List<Object> received = new ArrayList<>();
        List<Object> sent = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            channel.writeInbound(i);
            channel.writeOneOutbound(i);
            channel.flushOutbound();
            expected.add(i);
            if (i == 0) {
                // Never before delay - jitter.
                assertThat(inbound()).isEmpty();
                assertThat(outbound()).isEmpty();
            }
            advanceMs(3);
            received.addAll(inbound());
            sent.addAll(outbound());
        }
        for (int step = 0; step < 100; step++) {
            advanceMs(5);
            received.addAll(inbound());
            sent.addAll(outbound());
        }
        assertThat(received).containsExactlyElementsOf(expected);
        assertThat(sent).containsExactlyElementsOf(expected);
    }

    @Test
    void aBlackholeSwallowsBothWaysWhileTheSenderBelievesItSent() {
        condition.set(LinkCondition.BLACKHOLE);
        channel.writeInbound("lost-in");
        ChannelFuture write = channel.writeAndFlush("lost-out");
        assertThat(write.isSuccess()).as("a write into a blackhole succeeds").isTrue();
        advanceMs(1_000);
        assertThat(inbound()).isEmpty();
        assertThat(outbound()).isEmpty();
        assertThat(channel.isActive()).isTrue();
        condition.set(LinkCondition.UP);
        channel.writeInbound("after");
        assertThat(inbound()).containsExactly("after");
    }

    @Test
    void framesInFlightWhenTheLinkIsBlackholedAreLost() {
        condition.set(LinkCondition.impaired(500, 0, 0));
        channel.writeInbound("in-flight");
        advanceMs(100);
        condition.set(LinkCondition.BLACKHOLE);
        advanceMs(1_000);
        assertThat(inbound()).isEmpty();
    }

    @Test
    void lossOnTheStreamBecomesRetransmissionDelayNeverADrop() {
        condition.set(LinkCondition.impaired(0, 0, 50));
        List<Object> received = new ArrayList<>();
        long firstAllArrivedAt = -1;
        for (int i = 0; i < 40; i++) {
            channel.writeInbound(i);
        }
        // Some frames are "lost": nothing behind a lost one can pass before its retransmission (200 ms at least).
        received.addAll(inbound());
        assertThat(received.size()).isLessThan(40);
        for (int step = 1; step <= 400 && firstAllArrivedAt < 0; step++) {
            advanceMs(50);
            received.addAll(inbound());
            if (received.size() == 40) {
                firstAllArrivedAt = step * 50L;
            }
        }
        assertThat(received).hasSize(40);
        assertThat(received).isSortedAccordingTo((a, b) -> Integer.compare((Integer) a, (Integer) b));
        assertThat(firstAllArrivedAt).as("retransmissions took time").isGreaterThanOrEqualTo(200);
    }

    @Test
    void theEndOfTheStreamComesAfterTheDelayedDataBeforeIt() {
        condition.set(LinkCondition.impaired(300, 0, 0));
        channel.writeInbound("last words");
        channel.pipeline().fireChannelInactive();
        assertThat(inbound()).isEmpty();
        advanceMs(300);
        assertThat(inbound()).containsExactly("last words");
    }
}
