package dev.vrack.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The harness's results as the Markdown file kept in benchmarks/results/. */
final class LoadReport {

    private LoadReport() {
    }

    static String markdown(MachineInfo machine, int agents, GrantLatency.Result grants,
                           RenewalThroughput.Result renewals, RackFailover.Result failover) {
        StringBuilder md = new StringBuilder();
        md.append("# Licensing load harness\n\n");
        md.append("Run it (from the repository root, after building):\n\n```\n")
                .append("mvn -q -B -pl rack-cli,benchmarks/load-harness install -DskipTests\n")
                .append("java -cp 'benchmarks/load-harness/target/load-harness.jar:benchmarks/load-harness/target/lib/*'"
                        + " dev.vrack.bench.LicenseLoadHarness\n```\n\n")
                .append("Options: `--agents N --leases N --renew-seconds S --kill-runs N --link-runs N --no-rack"
                        + " --out FILE`. Loopback only; the rack part uses subnet 127.160.0.0/24.\n\n");
        md.append(f("Machine: %d cores (nproc), %s memory, %s, `%s`  \nDate: %s\n\n", machine.cores(),
                machine.memory(), machine.kernel(), machine.javaVersion(),
                Instant.now().truncatedTo(ChronoUnit.MINUTES)));
        md.append("## Against the license manager (in process, real sockets, real dongle crypto)\n\n");
        md.append("The real `LicenseManager` + `LicenseServer` (Netty) + `NasWatcher` of management-cartridge, with"
                + " keychain's emulated USB key answering on one thread as the chassis's USB port does (without the"
                + " backplane hop), an events file like the cartridge's; virtual agents on one Netty client thread in"
                + " the same JVM, each a real TCP connection on 127.0.0.1 speaking license.proto. Every grant opens the"
                + " license in the dongle and wraps the application key for the agent's fresh X25519 key.\n\n");
        md.append("| measure | result | aim (issue 4) |\n| --- | --- | --- |\n");
        md.append(f("| grant latency, %d agents each requesting once, one at a time | p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                        + " | p99 ≤ 2 ms |\n", agents, grants.oneAtATime().ms(50), grants.oneAtATime().ms(99),
                grants.oneAtATime().maxMs()));
        md.append(f("| grant latency, %d agents requesting all at once | p50 %.1f ms, p99 %.1f ms; all granted in"
                        + " %.2f s (%.0f grants/s) | |\n", agents, grants.burst().ms(50), grants.burst().ms(99),
                grants.burstSeconds(), agents / grants.burstSeconds()));
        md.append(f("| renewals per second, %d live leases, %.1f s closed loop (one renewal in flight per lease) |"
                        + " **%.0f/s** (%d renewed, %d refused); latency p50 %.1f ms, p99 %.1f ms | ≥ 50,000/s |\n",
                renewals.leases(), renewals.seconds(), renewals.perSecond(), renewals.renewed(), renewals.refused(),
                renewals.latency().ms(50), renewals.latency().ms(99)));
        if (renewals.grantsRefused() > 0) {
            md.append(f("\nWhile the %d seats were granted, %d were refused (they hold no lease, so the renewal"
                    + " run had %d leases):\n\n", renewals.leases() + renewals.grantsRefused(),
                    renewals.grantsRefused(), renewals.leases()));
            renewals.refusals().stream().collect(java.util.stream.Collectors.groupingBy(r -> r.replaceAll(
                    "^request_id: \\d+ ", ""), java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .forEach((reason, count) -> md.append(f("- %d × `%s`\n", count, reason)));
        }
        if (failover != null) {
            md.append("\n## From a real rack\n\n");
            md.append(f("A rack of one chassis, the management cartridge and three www cartridges, www licensed for 2;"
                    + " lease ttl %d ms, safety margin %d ms (the defaults), renewals every ttl/3. Times from the"
                    + " events (CLOCK_MONOTONIC across processes).\n\n", failover.ttlMs(), failover.marginMs()));
            md.append("| measure | runs | each (ms) | median (ms) | aim |\n| --- | --- | --- | --- | --- |\n");
            row(md, "kill -9 of a holder: chassis's `cartridge.exited` to the waiter's `app.started`",
                    failover.killNanos(), "≤ 200 ms");
            row(md, "kill -9 of a holder: the signal to the waiter's `app.started`", failover.killFromSignalNanos(), "");
            row(md, "silent link cut: chassis's `link.changed` to the waiter's `app.started`", failover.linkCutNanos(),
                    f("≤ ttl + one renewal interval (%d ms); expect ttl + margin − (time since the last renewal)",
                            failover.ttlMs() + failover.ttlMs() / 3));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String what, List<Long> nanos, String aim) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        StringBuilder each = new StringBuilder();
        for (long value : values) {
            each.append(each.isEmpty() ? "" : ", ").append(f("%.0f", value / 1e6));
        }
        md.append(f("| %s | %d | %s | %.0f | %s |\n", what, values.length, each, Percentiles.of(values).ms(50), aim));
    }

    private static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
