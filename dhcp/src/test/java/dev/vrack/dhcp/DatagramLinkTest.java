package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkGate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a DHCP socket's link does to its datagrams: pass, delay (in order), drop on loss, blackhole or down. */
class DatagramLinkTest {

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

        @Override
        public long seed() {
            return 5;
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DatagramLink link = new DatagramLink(gate, scheduler, System::nanoTime, 1);
    private final List<Integer> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anUpLinkPassesAtOnceAndADownOrBlackholedOneLosesEverything() {
        assertThat(link.outbound(() -> delivered.add(1))).isTrue();
        assertThat(delivered).containsExactly(1);
        condition.set(LinkCondition.BLACKHOLE);
        assertThat(link.outbound(() -> delivered.add(2))).isFalse();
        assertThat(link.inbound(() -> delivered.add(3))).isFalse();
        condition.set(LinkCondition.DOWN);
        assertThat(link.inbound(() -> delivered.add(4))).isFalse();
        assertThat(delivered).containsExactly(1);
    }

    @Test
    void delayedDatagramsArriveLateAndInOrder() {
        condition.set(LinkCondition.impaired(150, 100, 0));
        long[] sentAt = new long[30];
        long[] arrivedAt = new long[30];
        for (int i = 0; i < 30; i++) {
            int n = i;
            sentAt[n] = System.nanoTime();
            assertThat(link.inbound(() -> {
                arrivedAt[n] = System.nanoTime();
                delivered.add(n);
            })).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 30);
        assertThat(delivered).isSorted();
        for (int i = 0; i < 30; i++) {
            // Never earlier than delay - jitter.
            assertThat((arrivedAt[i] - sentAt[i]) / 1_000_000).as("datagram %d", i).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void lossDropsAboutItsShareOfDatagrams() {
        condition.set(LinkCondition.impaired(0, 0, 30));
        int passed = 0;
        for (int i = 0; i < 2_000; i++) {
            if (link.outbound(() -> { })) {
                passed++;
            }
        }
        assertThat(passed).isBetween(1_250, 1_550);
    }
}
