package dev.vrack.bench;

import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.proto.license.ManagerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Grant latency: every agent requests a seat once and the time to its Granted is taken on the agent's side (send
 * to answer, over loopback), with a fresh X25519 key per request made beforehand. Two shapes: one request at a
 * time (the manager's own latency) and all at once (a rack powering on: latency includes waiting in turn).
 */
final class GrantLatency {

    record Result(Percentiles oneAtATime, Percentiles burst, double burstSeconds) {
    }

    private GrantLatency() {
    }

    static Result measure(VirtualAgents sequential, VirtualAgents burst, String sequentialApp, String burstApp)
            throws Exception {
        List<VirtualAgent> one = sequential.all();
        long[] single = new long[one.size()];
        List<byte[]> keys = keys(one.size());
        for (int i = 0; i < one.size(); i++) {
            long start = System.nanoTime();
            ManagerFrame answer = one.get(i).request(sequentialApp, keys.get(i)).get(30, TimeUnit.SECONDS);
            single[i] = System.nanoTime() - start;
            granted(answer);
        }
        List<VirtualAgent> all = burst.all();
        List<byte[]> burstKeys = keys(all.size());
        long[] each = new long[all.size()];
        List<CompletableFuture<ManagerFrame>> answers = new ArrayList<>();
        long burstStart = System.nanoTime();
        for (int i = 0; i < all.size(); i++) {
            long start = System.nanoTime();
            int index = i;
            answers.add(all.get(i).request(burstApp, burstKeys.get(i))
                    .whenComplete((frame, error) -> each[index] = System.nanoTime() - start));
        }
        for (CompletableFuture<ManagerFrame> answer : answers) {
            granted(answer.get(60, TimeUnit.SECONDS));
        }
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
        return new Result(Percentiles.of(single), Percentiles.of(each), burstSeconds);
    }

    /** Each agent requests once, one at a time, unmeasured. */
    static void warmUp(VirtualAgents agents, String app) throws Exception {
        for (VirtualAgent agent : agents.all()) {
            granted(agent.request(app, AgentKeyPair.generate().publicKey()).get(30, TimeUnit.SECONDS));
        }
    }

    private static List<byte[]> keys(int count) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(AgentKeyPair.generate().publicKey());
        }
        return keys;
    }

    static long granted(ManagerFrame answer) {
        if (!answer.hasGranted()) {
            throw new IllegalStateException("expected a grant, got: " + answer);
        }
        return answer.getGranted().getLeaseId();
    }
}
