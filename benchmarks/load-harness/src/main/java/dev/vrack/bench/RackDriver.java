package dev.vrack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Drives a real rack through the built {@code rack} command (rack-cli/target/rack-cli.jar, as bin/rack runs it,
 * without bin/rack's rebuild) and reads what happened from the rack's events files and process records.
 */
final class RackDriver {

    private final Path repo;
    private final Path stateDir;
    private final String rack;

    RackDriver(Path repo, Path stateDir, String rack) {
        this.repo = repo;
        this.stateDir = stateDir;
        this.rack = rack;
        if (!Files.isRegularFile(repo.resolve("rack-cli/target/rack-cli.jar"))) {
            throw new IllegalStateException("no rack-cli/target/rack-cli.jar under " + repo
                    + ": build it first (mvn -q -B -pl rack-cli install -DskipTests), or pass --repo");
        }
    }

    /** Runs {@code rack ARGS} and returns its output; a non-zero exit is an error with that output. */
    String rack(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", repo.resolve("rack-cli/target/rack-cli.jar") + ":"
                        + repo.resolve("rack-cli/target/lib") + "/*", "dev.vrack.cli.RackCommand",
                "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException("rack " + String.join(" ", args) + " exited " + code + ":\n" + out);
        }
        return out;
    }

    Path rackDir() {
        return stateDir.resolve(rack);
    }

    List<Event> events() {
        return EventReader.readFolder(rackDir().resolve("events"));
    }

    Optional<Event> first(String type, long after, Predicate<Event> filter) {
        return events().stream().filter(e -> e.type().equals(type) && e.mono() > after).filter(filter).findFirst();
    }

    /** The last agent.state of each app slot of chassis A (1..slots-1), "" when it reported none. */
    String agentState(int slot) {
        String state = "";
        for (Event event : events()) {
            if (event.type().equals("agent.state") && ("A/" + slot).equals(event.source())) {
                state = String.valueOf(event.details().get("state"));
            }
        }
        return state;
    }

    List<Integer> slotsIn(String state, int firstSlot, int lastSlot) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = firstSlot; slot <= lastSlot; slot++) {
            if (agentState(slot).equals(state)) {
                slots.add(slot);
            }
        }
        return slots;
    }

    long pid(int slot) throws IOException {
        JsonNode cartridges = Json.mapper().readTree(rackDir().resolve("chassis/A/cartridges.json").toFile());
        return cartridges.path(Integer.toString(slot)).path("pid").asLong();
    }

    /** Every process the rack recorded (chassis and cartridges), to kill by PID if rack down did not stop them. */
    List<Long> recordedPids() {
        List<Long> pids = new ArrayList<>();
        for (String file : List.of("chassis/A/control.json", "chassis/A/cartridges.json")) {
            try {
                JsonNode node = Json.mapper().readTree(rackDir().resolve(file).toFile());
                if (node.has("pid")) {
                    pids.add(node.path("pid").asLong());
                } else {
                    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                        pids.add(it.next().path("pid").asLong());
                    }
                }
            } catch (IOException e) {
                // nothing recorded there: nothing to kill
            }
        }
        return pids;
    }

    /** Polls (every 20 ms) until the condition holds; a harness may poll, it has nothing else to do. */
    static <T> T await(String what, Duration within, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out after " + within.toSeconds() + " s waiting for " + what);
    }
}
