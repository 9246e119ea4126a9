package dev.vrack.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinkShaperTest {

    private static final long MS = 1_000_000;

    /** A Random whose nextDouble answers a script, then 0.99 (never lost, top of the jitter range). */
    private static Random scripted(Double... doubles) {
        ArrayDeque<Double> script = new ArrayDeque<>(List.of(doubles));
        return new Random() {
            @Override
            public double nextDouble() {
                return script.isEmpty() ? 0.99 : script.poll();
            }
        };
    }

    @Test
    void downAndBlackholeLoseEveryFrame() {
        LinkShaper shaper = new LinkShaper(new Random(1));
        assertThat(shaper.datagram(LinkCondition.DOWN, 0)).isEqualTo(LinkShaper.LOST);
        assertThat(shaper.datagram(LinkCondition.BLACKHOLE, 0)).isEqualTo(LinkShaper.LOST);
        assertThat(shaper.streamFrame(LinkCondition.DOWN, 0)).isEqualTo(LinkShaper.LOST);
        assertThat(shaper.streamFrame(LinkCondition.BLACKHOLE, 0)).isEqualTo(LinkShaper.LOST);
        assertThat(shaper.datagram(LinkCondition.UP, 0)).isZero();
    }

    @Test
    void aLostDatagramIsDroppedButALostStreamFrameIsRetransmittedWithDoublingTimeouts() {
        LinkCondition tenPercent = LinkCondition.impaired(0, 0, 10);
        // 0.05 * 100 = 5 < 10: lost.
        assertThat(new LinkShaper(scripted(0.05)).datagram(tenPercent, 0)).isEqualTo(LinkShaper.LOST);
        assertThat(new LinkShaper(scripted(0.5)).datagram(tenPercent, 0)).isZero();
        // Lost, lost again, then through: 200 + 400 ms of retransmission timeouts.
        assertThat(new LinkShaper(scripted(0.01, 0.02, 0.5)).streamFrame(tenPercent, 0)).isEqualTo(600 * MS);
        // Lost on every retransmission: the connection gives up on it.
        assertThat(new LinkShaper(new Random(7)).streamFrame(LinkCondition.impaired(0, 0, 100), 0))
                .isEqualTo(LinkShaper.LOST);
    }

    @Test
    void jitterNeverReordersFramesNorGoesBelowZero() {
        LinkShaper shaper = new LinkShaper(new Random(42));
        LinkCondition jittery = LinkCondition.impaired(100, 80, 0);
        long previousAt = Long.MIN_VALUE;
        long minDelay = Long.MAX_VALUE;
        long maxDelay = 0;
        for (int i = 0; i < 500; i++) {
            long now = i * MS;
            long delay = shaper.datagram(jittery, now);
            assertThat(delay).isGreaterThanOrEqualTo(0);
            assertThat(now + delay).isGreaterThanOrEqualTo(previousAt);
            previousAt = now + delay;
            minDelay = Math.min(minDelay, delay);
            maxDelay = Math.max(maxDelay, delay);
        }
        assertThat(maxDelay).isLessThanOrEqualTo(180 * MS);
        assertThat(minDelay).isGreaterThanOrEqualTo(20 * MS);
        // Frames far apart are not held back by the ones before: there the whole jitter shows.
        LinkShaper sparse = new LinkShaper(new Random(43));
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < 200; i++) {
            long delay = sparse.datagram(jittery, i * 1_000 * MS);
            low = Math.min(low, delay);
            high = Math.max(high, delay);
        }
        assertThat(low).isBetween(20 * MS, 40 * MS);
        assertThat(high).isBetween(160 * MS, 180 * MS);
    }

    @Test
    void theSameSeedDrawsTheSameFates() {
        LinkCondition lossy = LinkCondition.impaired(10, 5, 30);
        LinkShaper a = new LinkShaper(new Random(99));
        LinkShaper b = new LinkShaper(new Random(99));
        for (int i = 0; i < 100; i++) {
            assertThat(a.datagram(lossy, i * MS)).isEqualTo(b.datagram(lossy, i * MS));
        }
    }
}
