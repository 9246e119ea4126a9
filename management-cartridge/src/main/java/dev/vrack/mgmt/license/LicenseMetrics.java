package dev.vrack.mgmt.license;

import dev.vrack.license.LicenseSnapshot.AppSeats;
import dev.vrack.license.ReclaimReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The manager's Micrometer meters, scraped as Prometheus text: seats in force, in use and waiting per
 * application, the total queue length, grant latency (request in to key out) and reclaims by reason.
 */
public final class LicenseMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AppSeats> seats = new ConcurrentHashMap<>();
    private final Map<Boolean, Timer> grantLatency = new ConcurrentHashMap<>();

    public LicenseMetrics() {
        Gauge.builder("license.queue.length", seats, s -> s.values().stream().mapToInt(AppSeats::waiting).sum())
                .description("requests waiting for a seat, every application").register(registry);
        for (ReclaimReason reason : ReclaimReason.values()) {
            reclaims(reason);
        }
    }

    /** The seats of an application changed. */
    void seats(AppSeats current) {
        if (seats.put(current.app(), current) == null) {
            String app = current.app();
            Gauge.builder("license.seats.count", seats, s -> s.getOrDefault(app, current).count())
                    .tag("app", app).description("seats in force (sum of the valid licenses' counts)").register(registry);
            Gauge.builder("license.seats.in.use", seats, s -> s.getOrDefault(app, current).inUse())
                    .tag("app", app).description("seats held").register(registry);
            Gauge.builder("license.seats.waiting", seats, s -> s.getOrDefault(app, current).waiting())
                    .tag("app", app).description("requests waiting in line").register(registry);
        }
    }

    void granted(long latencyNanos, boolean queued) {
        grantLatency.computeIfAbsent(queued, q -> Timer.builder("license.grant.latency")
                .description("from the request (or the freed seat for a waiter) to the grant with its wrapped key on the wire")
                .tag("queued", String.valueOf(q)).publishPercentiles(0.5, 0.99).register(registry))
                .record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    void reclaimed(ReclaimReason reason) {
        reclaims(reason).increment();
    }

    private Counter reclaims(ReclaimReason reason) {
        return Counter.builder("license.reclaims").tag("reason", LicenseEvents.wireName(reason))
                .description("seats that came back, by reason").register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
