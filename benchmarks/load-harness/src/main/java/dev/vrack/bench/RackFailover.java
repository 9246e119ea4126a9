package dev.vrack.bench;

import dev.vrack.common.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failover times from a real rack (www licensed for 2, three app cartridges): kill -9 of a seat's holder until the
 * waiting cartridge's application runs (the chassis's cartridge.exited to the waiter's app.started), and a silent
 * link cut until the waiter runs (the chassis's link.changed to the waiter's app.started).
 */
final class RackFailover {

    static final String RACK = "load-failover";
    private static final int LAST_APP_SLOT = 3;

    record Result(long ttlMs, long marginMs, List<Long> killNanos, List<Long> killFromSignalNanos,
                  List<Long> linkCutNanos) {
    }

    private RackFailover() {
    }

    static Result measure(Path repo, Path work, int killRuns, int linkRuns, long ttlMs, long marginMs)
            throws Exception {
        Path file = work.resolve(RACK + ".yml");
        Files.writeString(file, """
                name: load-failover
                subnet: 127.160.0.0/24
                chassis:
                  - name: A
                    chassisId: CHASSIS-LOAD-A
                    slots: 8
                    usbKey: hwkey-A
                    cartridges:
                      - {slot: 0, kind: management}
                      - {slot: 1, kind: app, card: www}
                      - {slot: 2, kind: app, card: www}
                      - {slot: 3, kind: app, card: www}
                licenses:
                  - app: www
                    count: 2
                """);
        RackDriver rack = new RackDriver(repo, work.resolve("state"), RACK);
        List<Long> kill = new ArrayList<>();
        List<Long> killFromSignal = new ArrayList<>();
        List<Long> link = new ArrayList<>();
        try {
            rack.rack("up", file.toString(), "--timeout", "120", "--lease-ttl-ms", Long.toString(ttlMs),
                    "--safety-margin-ms", Long.toString(marginMs));
            for (int run = 1; run <= killRuns; run++) {
                steady(rack);
                int victim = rack.slotsIn("running", 1, LAST_APP_SLOT).get(0);
                List<Integer> waiters = rack.slotsIn("waiting", 1, LAST_APP_SLOT);
                long pid = rack.pid(victim);
                long signalled = System.nanoTime();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, as kill -9
                Event started = waiterStarted(rack, waiters, signalled);
                Event exited = rack.first("cartridge.exited", signalled, e -> ("A/" + victim).equals(e.source()))
                        .orElseThrow(() -> new IllegalStateException("no cartridge.exited for A/" + victim));
                kill.add(started.mono() - exited.mono());
                killFromSignal.add(started.mono() - signalled);
                System.out.printf("  kill -9 run %d: A/%d killed, A/%s running %.1f ms after cartridge.exited%n", run,
                        victim, started.source(), (started.mono() - exited.mono()) / 1e6);
                rack.rack("power", "A/" + victim, "off");
                rack.rack("power", "A/" + victim, "on");
            }
            for (int run = 1; run <= linkRuns; run++) {
                steady(rack);
                int cut = rack.slotsIn("running", 1, LAST_APP_SLOT).get(0);
                List<Integer> waiters = rack.slotsIn("waiting", 1, LAST_APP_SLOT);
                long before = System.nanoTime();
                rack.rack("link", "A/" + cut, "down");
                Event changed = rack.first("link.changed", before, e -> ("A/" + cut).equals(e.source()))
                        .orElseThrow(() -> new IllegalStateException("no link.changed for A/" + cut));
                Event started = waiterStarted(rack, waiters, changed.mono());
                link.add(started.mono() - changed.mono());
                System.out.printf("  link cut run %d: A/%d cut, A/%s running %.0f ms later%n", run, cut,
                        started.source(), (started.mono() - changed.mono()) / 1e6);
                rack.rack("link", "A/" + cut, "up");
            }
        } finally {
            try {
                rack.rack("down", RACK, "--timeout", "3000");
            } catch (Exception e) {
                System.err.println("rack down failed (" + e.getMessage() + "); killing its processes by PID");
            }
            for (long pid : rack.recordedPids()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        return new Result(ttlMs, marginMs, kill, killFromSignal, link);
    }

    private static void steady(RackDriver rack) throws InterruptedException {
        RackDriver.await("two running and one waiting", Duration.ofSeconds(60), () ->
                rack.slotsIn("running", 1, LAST_APP_SLOT).size() == 2
                        && rack.slotsIn("waiting", 1, LAST_APP_SLOT).size() == 1 ? Optional.of(true) : Optional.empty());
    }

    private static Event waiterStarted(RackDriver rack, List<Integer> waiters, long after) throws InterruptedException {
        return RackDriver.await("a waiter's app.started", Duration.ofSeconds(60), () -> rack.first("app.started", after,
                e -> waiters.stream().anyMatch(w -> ("A/" + w).equals(e.source()))));
    }
}
