package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rack check --events DIR} on archived runs written as the processes write them. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result rack(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RackCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private void event(String file, long ms, String source, String type, Object... keyValues) throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.parse("2025-01-01T00:00:00Z").plusMillis(ms).toString());
        line.put("mono", 1_000_000_000L + ms * 1_000_000L);
        line.put("source", source);
        line.put("type", type);
        line.put("details", details);
        Path events = dir.resolve("events");
        Files.createDirectories(events);
        Files.writeString(events.resolve(file + ".jsonl"), Json.mapper().writeValueAsString(line) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void twoRunning() throws IOException {
        event("A-0", 0, "A/0", "license.seats", "app", "www", "count", 2, "inUse", 0, "waiting", 0);
        event("A-1", 100, "A/1", "app.started", "app", "www", "lease", "L1");
        event("A-2", 200, "A/2", "app.started", "app", "www", "lease", "L2");
    }

    @Test
    void aValidRunExitsZero() throws IOException {
        twoRunning();

        Result result = rack("check", "--events", dir.resolve("events").toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("peak 2 running (count 2 in force then)", "VALID");
    }

    @Test
    void anOverGrantExitsOneAndPrintsItsInterval() throws IOException {
        twoRunning();
        event("A-3", 300, "A/3", "app.started", "app", "www", "lease", "L3");
        event("A", 700, "A/3", "cartridge.exited", "pid", 9, "exitCode", 137, "expected", false);

        Result text = rack("check", "--events", dir.toString());
        Result json = rack("check", "--json", "--events", dir.toString());

        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains("VIOLATION over-grant www  [+0.300s .. +0.700s]", "INVALID");
        assertThat(json.code()).isEqualTo(1);
        JsonNode verdict = Json.mapper().readTree(json.out());
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("violations").get(0).get("from").get("mono").asLong()).isEqualTo(1_300_000_000L);
    }

    @Test
    void aMissingOrEmptyFolderIsAClearError() throws IOException {
        Result missing = rack("check", "--events", dir.resolve("nope").toString());
        Files.createDirectories(dir.resolve("empty"));
        Result empty = rack("check", "--events", dir.resolve("empty").toString());

        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("is not a folder");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("no events in", "nothing to check");
    }
}
