package dev.vrack.chassis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import dev.vrack.common.ProcessRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code chassis/<name>/cartridges.json}: the processes in the slots, {@code {"3": {"pid":…, "started":…}}}. */
public final class CartridgesFile {

    private CartridgesFile() {
    }

    /** Rewrites the file atomically (temp file, then rename), so readers never see half of it. */
    public static void write(Path file, Map<Integer, ProcessRecord> bySlot) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        new TreeMap<>(bySlot).forEach((slot, record) -> root.putObject(String.valueOf(slot))
                .put("pid", record.pid()).put("started", record.started().toString()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the file; a missing file is an empty map, unreadable entries are skipped. */
    public static SortedMap<Integer, ProcessRecord> read(Path file) throws IOException {
        SortedMap<Integer, ProcessRecord> records = new TreeMap<>();
        if (!Files.exists(file)) {
            return records;
        }
        JsonNode root = Json.mapper().readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                records.put(Integer.parseInt(entry.getKey()), new ProcessRecord(entry.getValue().path("pid").asLong(),
                        Instant.parse(entry.getValue().path("started").asText())));
            } catch (RuntimeException skipped) {
                // A hand-edited or foreign entry: never signal a process we cannot identify.
            }
        }
        return records;
    }
}
