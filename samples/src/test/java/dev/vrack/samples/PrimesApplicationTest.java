package dev.vrack.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.samples.primes.PrimesApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrimesApplicationTest {

    private final PrimesApplication primes = new PrimesApplication(Duration.ofMillis(50));

    @AfterEach
    void stop() {
        primes.stop();
    }

    private static long count(TestContext.Recorded event) {
        return ((Number) event.details().get("count")).longValue();
    }

    @Test
    void reportsGrowingProgressAndPausesWhileNotPermitted() throws Exception {
        TestContext ctx = new TestContext();
        primes.start(ctx);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events("app.progress").stream().anyMatch(e -> count(e) > 1000));

        ctx.permit(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !ctx.events("primes.paused").isEmpty());
        long pausedAt = primes.count();
        int progressSoFar = ctx.events("app.progress").size();
        // Three more reports while paused: the count must not move.
        await().atMost(Duration.ofSeconds(5)).until(() -> ctx.events("app.progress").size() >= progressSoFar + 3);
        List<TestContext.Recorded> whilePaused = ctx.events("app.progress").subList(progressSoFar, progressSoFar + 3);
        assertThat(whilePaused).allSatisfy(e -> {
            assertThat(count(e)).isEqualTo(pausedAt);
            assertThat(e.details()).containsEntry("paused", true);
        });

        ctx.permit(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> primes.count() > pausedAt);
        assertThat(ctx.events("primes.resumed")).hasSize(1);
    }

    @Test
    void stopEndsItsThreadsPromptly() throws Exception {
        TestContext ctx = new TestContext();
        primes.start(ctx);
        await().atMost(Duration.ofSeconds(5)).until(() -> !ctx.events("app.progress").isEmpty());
        long before = System.nanoTime();
        primes.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("primes-"));
        int reported = ctx.events("app.progress").size();
        long count = primes.count();
        assertThat(count).isPositive();
        // Stopped means stopped: started again, it counts afresh in new threads.
        primes.start(ctx);
        assertThat(primes.count()).isLessThan(count);
        await().atMost(Duration.ofSeconds(5)).until(() -> ctx.events("app.progress").size() > reported);
    }
}
