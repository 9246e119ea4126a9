package dev.vrack.chassis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** {@code chassis/<name>/control.json}: how the command line finds a running chassis. */
public final class ControlFile {

    private ControlFile() {
    }

    /** Writes {@code {"pid":…, "started":…, "controlPort":…}} atomically. */
    public static void write(Path file, long pid, Instant started, int controlPort) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("pid", pid).put("started", started.toString()).put("controlPort", controlPort);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
