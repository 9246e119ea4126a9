package dev.vrack.bench;

import dev.vrack.license.LeasePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The licensing load harness (issue 4). Against the real license manager (in this process, on 127.0.0.1, with
 * keychain's real dongle): grant latency with N agents that each request once, and renewals per second with M
 * live leases for a bounded time. Against a real rack: kill -9 and silent link cut to the waiter running. Prints
 * the results and writes them as Markdown.
 *
 * <p>Usage: {@code LicenseLoadHarness [--agents 1000] [--leases 10000] [--renew-seconds 10] [--kill-runs 5]
 * [--link-runs 3] [--no-rack] [--repo DIR] [--out FILE]}
 */
public final class LicenseLoadHarness {

    private LicenseLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int agents = 1000;
        int leases = 10_000;
        int renewSeconds = 10;
        int killRuns = 5;
        int linkRuns = 3;
        boolean rack = true;
        Path repo = Path.of("").toAbsolutePath();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agents" -> agents = bounded(args, ++i, 1, 5_000);
                case "--leases" -> leases = bounded(args, ++i, 2, 10_000);
                case "--renew-seconds" -> renewSeconds = bounded(args, ++i, 1, 60);
                case "--kill-runs" -> killRuns = bounded(args, ++i, 0, 20);
                case "--link-runs" -> linkRuns = bounded(args, ++i, 0, 10);
                case "--no-rack" -> rack = false;
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                case "--out" -> out = Path.of(value(args, ++i));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (out == null) {
            out = repo.resolve("benchmarks/results/licensing-load.md");
        }
        MachineInfo machine = MachineInfo.here();
        System.out.println("machine: " + machine);
        Path work = Files.createTempDirectory("vrack-load-");
        GrantLatency.Result grants;
        RenewalThroughput.Result renewals;
        // A connection holds one seat per application: 10,000 leases are 5,000 connections with two applications,
        // which keeps both ends of every connection (one process) under the usual 20,000 open files.
        List<String> apps = List.of("www", "primes");
        int connections = (leases + apps.size() - 1) / apps.size();
        try (InProcessManager manager = new InProcessManager(work.resolve("manager"),
                new LeasePolicy(600_000, 2_000, 0))) {
            manager.license("grant-seq", agents);
            manager.license("grant-burst", agents);
            for (String app : apps) {
                manager.license(app, connections);
            }
            System.out.printf("grant latency: %d agents, each requests once...%n", agents);
            // A warm-up so that the JIT compiling the manager is not what we measure.
            manager.license("warmup", agents);
            try (VirtualAgents warm = new VirtualAgents(manager.address(), Math.max(1, agents / 2))) {
                GrantLatency.warmUp(warm, "warmup");
            }
            try (VirtualAgents one = new VirtualAgents(manager.address(), agents);
                 VirtualAgents burst = new VirtualAgents(manager.address(), agents)) {
                grants = GrantLatency.measure(one, burst, "grant-seq", "grant-burst");
            }
            System.out.printf("  one at a time: p50 %.2f ms, p99 %.2f ms; all at once: p50 %.1f ms, p99 %.1f ms (%.2f s)%n",
                    grants.oneAtATime().ms(50), grants.oneAtATime().ms(99), grants.burst().ms(50),
                    grants.burst().ms(99), grants.burstSeconds());
            System.out.printf("renewals: %d live leases over %d connections, %d s...%n", connections * apps.size(),
                    connections, renewSeconds);
            try (VirtualAgents holders = new VirtualAgents(manager.address(), connections)) {
                renewals = RenewalThroughput.measure(holders, apps, renewSeconds * 1000L);
            }
            System.out.printf("  %.0f renewals/s (%d in %.1f s, %d refused), latency p50 %.1f ms, p99 %.1f ms%n",
                    renewals.perSecond(), renewals.renewed(), renewals.seconds(), renewals.refused(),
                    renewals.latency().ms(50), renewals.latency().ms(99));
        }
        RackFailover.Result failover = null;
        if (rack) {
            System.out.println("rack failover (real processes)...");
            failover = RackFailover.measure(repo, work, killRuns, linkRuns, 10_000, 2_000);
        }
        String report = LoadReport.markdown(machine, agents, grants, renewals, failover);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("wrote " + out);
    }

    private static int bounded(String[] args, int i, int min, int max) {
        String text = value(args, i);
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                usage(args[i - 1] + " " + value + " is out of range: use " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            usage(args[i - 1] + " needs a whole number, got '" + text + "'");
            return 0;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("load-harness: " + problem + "\nusage: LicenseLoadHarness [--agents N] [--leases N]"
                + " [--renew-seconds S] [--kill-runs N] [--link-runs N] [--no-rack] [--repo DIR] [--out FILE]");
        System.exit(2);
    }
}
