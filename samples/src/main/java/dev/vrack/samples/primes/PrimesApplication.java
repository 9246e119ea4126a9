package dev.vrack.samples.primes;

import dev.vrack.appapi.AppContext;
import dev.vrack.appapi.RackApplication;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The primes sample: visible work. Counts primes on a background thread and records {@code app.progress}
 * (count, largest, paused) every second; works only while the license agent permits, and says so with
 * {@code primes.paused} / {@code primes.resumed}.
 */
public final class PrimesApplication implements RackApplication {

    private static final int SLICE = 2_000;
    private static final long PAUSED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration reportEvery;
    private volatile boolean running;
    private volatile long count;
    private volatile long largest;
    private volatile boolean paused;
    private Thread worker;
    private Thread reporter;

    /** The application as a cartridge loads it: progress every second. */
    public PrimesApplication() {
        this(Duration.ofSeconds(1));
    }

    /** With another progress period (tests). */
    public PrimesApplication(Duration reportEvery) {
        if (reportEvery.isNegative() || reportEvery.isZero()) {
            throw new IllegalArgumentException("the progress period must be positive, got " + reportEvery);
        }
        this.reportEvery = reportEvery;
    }

    @Override
    public synchronized void start(AppContext ctx) {
        if (running) {
            throw new IllegalStateException("primes is already started");
        }
        running = true;
        count = 0;
        largest = 0;
        paused = false;
        worker = daemon("primes-worker", () -> work(ctx));
        reporter = daemon("primes-progress", () -> report(ctx));
        worker.start();
        reporter.start();
    }

    private void work(AppContext ctx) {
        PrimeCounter counter = new PrimeCounter();
        while (running) {
            boolean permitted = ctx.permitted();
            if (permitted == paused) {
                paused = !permitted;
                ctx.event(paused ? "primes.paused" : "primes.resumed", Map.of("count", counter.count()));
            }
            if (!permitted) {
                LockSupport.parkNanos(PAUSED_POLL_NANOS);
                continue;
            }
            counter.advance(SLICE);
            count = counter.count();
            largest = counter.largest();
        }
    }

    private void report(AppContext ctx) {
        long period = reportEvery.toNanos();
        long next = System.nanoTime() + period;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            next += period;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("count", count);
            details.put("largest", largest);
            details.put("paused", paused);
            ctx.event("app.progress", details);
        }
    }

    /** Primes found so far. */
    public long count() {
        return count;
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : new Thread[] {worker, reporter}) {
            if (thread != null) {
                LockSupport.unpark(thread);
                try {
                    thread.join(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        worker = null;
        reporter = null;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
