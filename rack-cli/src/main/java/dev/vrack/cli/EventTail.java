package dev.vrack.cli;

import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows every events file of a rack folder, returning the complete lines added since the last poll,
 * merged by monotonic time. A line still being written (no newline yet) waits for the next poll.
 */
final class EventTail {

    private final Path folder;
    private final Map<Path, Long> offsets = new HashMap<>();

    EventTail(Path folder) {
        this.folder = folder;
    }

    List<Event> poll() throws IOException {
        List<Event> fresh = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return fresh;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                readNew(file, fresh);
            }
        }
        fresh.sort(Comparator.comparingLong(Event::mono));
        return fresh;
    }

    private void readNew(Path file, List<Event> into) throws IOException {
        long offset = offsets.getOrDefault(file, 0L);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0;
            }
            if (length == offset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 8 << 20)];
            in.seek(offset);
            in.readFully(bytes);
            int lastNewline = lastIndexOf(bytes, (byte) '\n');
            if (lastNewline < 0) {
                return;
            }
            String text = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                Event event = EventReader.parseLine(line);
                if (event != null) {
                    into.add(event);
                }
            }
            offsets.put(file, offset + lastNewline + 1);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte value) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
