package dev.vrack.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads events files back, skipping (and counting) lines that are not valid events. */
public final class EventReader {

    private EventReader() {
    }

    /** Parses one JSON line, or returns null when the line is not an event. */
    @SuppressWarnings("unchecked")
    public static Event parseLine(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(line);
            if (!node.hasNonNull("type") || !node.hasNonNull("mono") || !node.hasNonNull("source")) {
                return null;
            }
            Map<String, Object> details = node.has("details")
                    ? Json.mapper().convertValue(node.get("details"), LinkedHashMap.class)
                    : Map.of();
            return new Event(Instant.parse(node.path("time").asText()), node.get("mono").asLong(),
                    node.get("source").asText(), node.get("type").asText(), details);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every event of one file, in file order. */
    public static List<Event> readFile(Path file) {
        List<Event> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Event event = parseLine(line);
                if (event != null) {
                    events.add(event);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events file " + file + ": " + e.getMessage(), e);
        }
        return events;
    }

    /** Every event of every {@code *.jsonl} file in a folder, merged by monotonic time. */
    public static List<Event> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Event> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).forEach(f -> all.addAll(readFile(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list events folder " + folder + ": " + e.getMessage(), e);
        }
        all.sort(Comparator.comparingLong(Event::mono));
        return all;
    }
}
