package dev.vrack.bench;

import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.proto.license.ManagerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renewals per second with many live leases: every agent holds one seat of each application (a connection holds
 * one seat per application), then every lease is renewed in a closed loop (one renewal in flight per lease) for
 * a bounded time; answers are counted on the agents' side.
 */
final class RenewalThroughput {

    /** {@code grantsRefused}: seats asked for that the manager refused (counted, not renewed; should be 0). */
    record Result(int leases, int grantsRefused, List<String> refusals, double seconds, long renewed, long refused,
                  Percentiles latency) {
        double perSecond() {
            return renewed / seconds;
        }
    }

    private RenewalThroughput() {
    }

    static Result measure(VirtualAgents agents, List<String> apps, long durationMs) throws Exception {
        List<CompletableFuture<ManagerFrame>> grants = new ArrayList<>();
        List<VirtualAgent> holders = new ArrayList<>();
        for (VirtualAgent agent : agents.all()) {
            for (String app : apps) {
                grants.add(agent.request(app, AgentKeyPair.generate().publicKey()));
                holders.add(agent);
            }
        }
        List<Long> granted = new ArrayList<>();
        List<VirtualAgent> grantedTo = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            ManagerFrame answer = grants.get(i).get(120, TimeUnit.SECONDS);
            if (answer.hasGranted()) {
                granted.add(answer.getGranted().getLeaseId());
                grantedTo.add(holders.get(i));
            } else {
                refusals.add(answer.toString().replaceAll("\\s+", " ").trim());
            }
        }
        if (!refusals.isEmpty()) {
            System.out.println("  " + refusals.size() + " of " + grants.size() + " seats refused, e.g. " + refusals.get(0));
        }
        long[] leases = granted.stream().mapToLong(Long::longValue).toArray();
        holders = grantedTo;
        AtomicLong renewed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long[] samples = new long[leases.length];
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < leases.length; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops.add(done);
            renewLoop(holders.get(i), leases[i], end, renewed, refused, samples, i, done);
        }
        for (CompletableFuture<Void> loop : loops) {
            loop.get(durationMs + 60_000, TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(leases.length, refusals.size(), refusals, seconds, renewed.get(), refused.get(), Percentiles.of(samples));
    }

    private static void renewLoop(VirtualAgent agent, long lease, long end, AtomicLong renewed, AtomicLong refused,
                                  long[] samples, int index, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        agent.renew(lease).whenComplete((answer, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (answer.hasGranted()) {
                renewed.incrementAndGet();
                samples[index] = now - sent; // the last one's latency per lease: a sample across all leases
            } else {
                refused.incrementAndGet();
            }
            if (now < end) {
                renewLoop(agent, lease, end, renewed, refused, samples, index, done);
            } else {
                done.complete(null);
            }
        });
    }
}
