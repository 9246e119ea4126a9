package dev.vrack.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends events as JSON lines to one file per process. Each line is written with a single
 * unbuffered write, so a process killed with SIGKILL loses nothing it had already logged and a
 * reader following the file never sees half an event.
 */
public final class EventLog implements AutoCloseable {

    private final FileChannel channel;
    private final String source;
    private final TimeSource time;

    private EventLog(FileChannel channel, String source, TimeSource time) {
        this.channel = channel;
        this.source = source;
        this.time = time;
    }

    /** Opens (creating if needed) {@code file} for appending events from {@code source}. */
    public static EventLog open(Path file, String source, TimeSource time) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new EventLog(channel, source, time);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event log " + file + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** Records an event from this log's own source. */
    public Event emit(String type, Map<String, ?> details) {
        return emitFrom(source, type, details);
    }

    /** Records an event on behalf of a sub-source, such as a slot seen by its chassis. */
    public Event emitFrom(String eventSource, String type, Map<String, ?> details) {
        Event event = new Event(time.now(), time.monoNanos(), eventSource, type,
                details == null ? Map.of() : new LinkedHashMap<>(details));
        write(event);
        return event;
    }

    public Event emit(String type) {
        return emit(type, Map.of());
    }

    private synchronized void write(Event event) {
        byte[] line = toLine(event);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            // An event that cannot be written must not take the process down with it.
            System.err.println("event log: cannot write " + event.type() + ": " + e.getMessage());
        }
    }

    static byte[] toLine(Event event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("time", event.time().toString());
        node.put("mono", event.mono());
        node.put("source", event.source());
        node.put("type", event.type());
        node.set("details", Json.mapper().valueToTree(event.details()));
        try {
            return (Json.mapper().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " has details that are not JSON", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing an append-only log can only fail if the disk is gone; nothing more to save.
        }
    }
}
