package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import dev.vrack.common.ProcessRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the rack command as a user would type it, against one state folder, and cleans up after it. */
final class RackCli {

    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    private final Path stateDir;

    RackCli(Path stateDir) {
        this.stateDir = stateDir;
    }

    Path stateDir() {
        return stateDir;
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RackCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs a command in its own JVM with {@code environment} added to this one's (the environment of this JVM
     * cannot change): what {@code rack up} starts inherits it, e.g. {@code VRACK_TEST_FAULTS}.
     */
    /** Starts the command in its own JVM, its output going to {@code log}; the caller ends it (by its PID). */
    Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(dev.vrack.common.JavaProcess.javaExecutable(), "-cp",
                dev.vrack.common.JavaProcess.classPath(), RackCommand.class.getName(), "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    Result runWithEnvironment(Map<String, String> environment, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(dev.vrack.common.JavaProcess.javaExecutable(), "-cp",
                dev.vrack.common.JavaProcess.classPath(), RackCommand.class.getName(), "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("rack-out", ".txt");
            Path err = Files.createTempFile("rack-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("rack " + String.join(" ", args) + " did not end within " + timeoutSeconds
                            + " s\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run rack " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rack " + String.join(" ", args) + " ran", e);
        }
    }

    /** Runs a command that must succeed. */
    Result ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("rack " + String.join(" ", args) + " failed with " + result.exitCode()
                    + "\nstdout: " + result.out() + "\nstderr: " + result.err());
        }
        return result;
    }

    JsonNode status() {
        return ok("status", "--json").json();
    }

    static JsonNode slot(JsonNode status, String chassis, int slot) {
        for (JsonNode c : status.path("chassis")) {
            if (c.path("name").asText().equals(chassis)) {
                for (JsonNode s : c.path("slots")) {
                    if (s.path("slot").asInt() == slot) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError("no slot " + chassis + "/" + slot + " in " + status);
    }

    /** Every process the racks in this state folder recorded, chassis and cartridges. */
    List<ProcessRecord> recordedProcesses() {
        List<ProcessRecord> records = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return records;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("control.json")
                    || f.getFileName().toString().equals("cartridges.json")).toList()) {
                JsonNode node = Json.mapper().readTree(file.toFile());
                if (node.has("pid")) {
                    records.add(record(node));
                } else {
                    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                        records.add(record(it.next()));
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read recorded processes under " + stateDir, e);
        }
        return records;
    }

    private static ProcessRecord record(JsonNode node) {
        return new ProcessRecord(node.path("pid").asLong(), Instant.parse(node.path("started").asText(Instant.EPOCH.toString())));
    }

    /** Test cleanup: brings every rack here down and kills by PID whatever is left. */
    void cleanup() {
        for (String name : new StateRoot(stateDir).rackNames()) {
            run("down", name, "--timeout", "2000");
        }
        recordedProcesses().forEach(ProcessRecord::kill);
    }

    /** A copy of a shipped rack definition with its own name and subnet, so tests never collide. */
    static Path copyConfig(String shipped, Path dir, String name, int secondOctet) throws IOException {
        Path source = Path.of("..", "cluster-configs", shipped);
        String text = Files.readString(source);
        String originalName = text.lines().filter(l -> l.startsWith("name:")).findFirst()
                .orElseThrow().substring(5).trim();
        String originalOctet = text.lines().filter(l -> l.startsWith("subnet:")).findFirst()
                .orElseThrow().replaceAll("[^0-9./]", "").split("\\.")[1];
        text = text.replace("name: " + originalName, "name: " + name)
                .replace("127." + originalOctet + ".", "127." + secondOctet + ".");
        Path target = dir.resolve(name + ".yml");
        Files.writeString(target, text);
        return target;
    }
}
