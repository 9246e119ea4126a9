package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A licensed rack for the fault tests: brought up from a rack file with short lease timing, read through
 * {@code rack status --json} and its events, checked with {@code rack check}. Every fault test class shares one
 * state folder under target/, so the class-data sharing archive recorded by the first rack warms the others.
 */
final class FaultRack {

    /** Shared by every fault test class (they run one after another in one JVM). */
    static final Path STATE = Path.of("target", "fault-racks").toAbsolutePath();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final RackCli cli;
    final String name;

    private FaultRack(RackCli cli, String name) {
        this.cli = cli;
        this.name = name;
    }

    /**
     * A licensed rack of one chassis A: the management cartridge in slot 0, {@code apps} www cartridges in slots
     * 1.., the key {@code hwkey-A} in its USB port, and a license of {@code seats} seats of www.
     */
    static String licensedRack(String name, String subnet, String chassisId, int slots, int apps, int seats) {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nsubnet: " + subnet + "\nchassis:\n"
                + "  - name: A\n    chassisId: " + chassisId + "\n    slots: " + slots + "\n    usbKey: hwkey-A\n"
                + "    cartridges:\n      - {slot: 0, kind: management}\n");
        for (int slot = 1; slot <= apps; slot++) {
            yaml.append("      - {slot: ").append(slot).append(", kind: app, card: www}\n");
        }
        return yaml.append("licenses:\n  - app: www\n    count: ").append(seats).append('\n').toString();
    }

    /** Writes the rack file and brings the rack up with the given extra {@code rack up} options. */
    static FaultRack up(String name, String yaml, String... upOptions) throws IOException {
        return up(name, yaml, java.util.Map.of(), upOptions);
    }

    /**
     * Brings the rack up with {@code environment} added for {@code rack up} and every process it starts (then
     * {@code rack up} runs in its own JVM), e.g. {@code VRACK_TEST_FAULTS} for a deliberately broken manager.
     */
    static FaultRack up(String name, String yaml, java.util.Map<String, String> environment, String... upOptions)
            throws IOException {
        Files.createDirectories(STATE);
        // Each run provisions afresh (a one-time authority per run); the shared class-data archive stays.
        deleteTree(STATE.resolve(name));
        Path file = STATE.resolve(name + ".yml");
        Files.writeString(file, yaml);
        RackCli cli = new RackCli(STATE);
        FaultRack rack = new FaultRack(cli, name);
        List<String> args = new ArrayList<>(List.of("up", file.toString(), "--timeout", "150"));
        args.addAll(List.of(upOptions));
        try {
            if (environment.isEmpty()) {
                cli.ok(args.toArray(String[]::new));
            } else {
                RackCli.Result result = cli.runWithEnvironment(environment, 200, args.toArray(String[]::new));
                assertThat(result.exitCode()).as("rack %s with %s\nstdout: %s\nstderr: %s", String.join(" ", args),
                        environment, result.out(), result.err()).isZero();
            }
        } catch (AssertionError e) {
            rack.down();
            throw e;
        }
        return rack;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Brings this rack down and kills by PID whatever of it is left. */
    void down() {
        cli.run("--rack", name, "down", name, "--timeout", "2000");
        Path rackDir = STATE.resolve(name);
        new RackCli(rackDir).recordedProcesses().forEach(dev.vrack.common.ProcessRecord::kill);
    }

    /** A command against this rack (the state folder may hold other, stopped racks). */
    RackCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--rack", name));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    RackCli.Result ok(String... args) {
        RackCli.Result result = run(args);
        assertThat(result.exitCode()).as("rack %s\nstdout: %s\nstderr: %s", String.join(" ", args), result.out(),
                result.err()).isZero();
        return result;
    }

    JsonNode status() {
        return ok("status", "--json").json();
    }

    /** Slots of a chassis whose agent reports this license state (running, waiting, suspended, denied...). */
    List<Integer> slotsIn(String chassis, String... licenseStates) {
        List<String> states = List.of(licenseStates);
        List<Integer> slots = new ArrayList<>();
        for (JsonNode c : status().path("chassis")) {
            if (c.path("name").asText().equals(chassis)) {
                for (JsonNode slot : c.path("slots")) {
                    if (states.contains(slot.path("license").asText())) {
                        slots.add(slot.path("slot").asInt());
                    }
                }
            }
        }
        return slots;
    }

    List<Integer> running() {
        return slotsIn("A", "running");
    }

    /**
     * The slots in line for a seat: "waiting", or "requesting" for the moment a waiter re-sends its request (the
     * fixed-interval retry), which a status read can catch.
     */
    List<Integer> waiting() {
        return slotsIn("A", "waiting", "requesting");
    }

    long pid(String chassis, int slot) {
        return RackCli.slot(status(), chassis, slot).path("pid").asLong();
    }

    String ip(String chassis, int slot) {
        return RackCli.slot(status(), chassis, slot).path("ip").asText();
    }

    Path rackDir() {
        return STATE.resolve(name);
    }

    Path card(String chassis, int slot) {
        return rackDir().resolve("cards").resolve(chassis + "-" + slot + ".card");
    }

    /** Every event of the current run, merged by monotonic time. */
    List<Event> events() {
        return EventReader.readFolder(rackDir().resolve("events"));
    }

    List<Event> events(String type, Predicate<Event> filter) {
        return events().stream().filter(e -> e.type().equals(type)).filter(filter).toList();
    }

    /** The first event of this type from mono {@code after} on that matches. */
    Optional<Event> first(String type, long after, Predicate<Event> filter) {
        return events().stream().filter(e -> e.type().equals(type) && e.mono() >= after).filter(filter).findFirst();
    }

    static Predicate<Event> detail(String key, String value) {
        return e -> Objects.equals(String.valueOf(e.details().get(key)), value);
    }

    static Predicate<Event> source(String value) {
        return e -> value.equals(e.source());
    }

    /** The manager's last grant or renewal of a holder's seat: its lease runs out ttl after this. */
    Event lastConfirmation(String holder) {
        return events().stream()
                .filter(e -> e.type().equals("license.granted") || e.type().equals("license.renewed"))
                .filter(detail("holder", holder)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no grant or renewal for " + holder));
    }

    /** Sends a signal to a process with the kill command (SIGSTOP and SIGCONT have no Java API). */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        assertThat(kill.waitFor()).as("kill -%s %d: %s", signal, pid,
                new String(kill.getInputStream().readAllBytes())).isZero();
    }

    static long nowMono() {
        return System.nanoTime();
    }

    /** The HTTP status of www on that address, or -1 when nothing answers. */
    static int httpStatus(String ip) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code rack check} exits 0 with a valid verdict, and no application ever ran beyond its count. */
    JsonNode checkValid() {
        RackCli.Result check = run("check", "--json");
        assertThat(check.exitCode()).as("rack check: %s %s", check.out(), check.err()).isZero();
        JsonNode verdict = check.json();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("violations")).as(verdict.toString()).isEmpty();
        for (JsonNode app : verdict.path("apps")) {
            assertThat(app.path("peakRunning").asInt()).as(verdict.toString())
                    .isLessThanOrEqualTo(app.path("countAtPeak").asInt());
        }
        return verdict;
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
