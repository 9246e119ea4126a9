package dev.vrack.cli;

import dev.vrack.common.Event;
import dev.vrack.common.Json;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** One event as a line: JSON for machines, or a compact line for people. */
final class EventFormatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private EventFormatter() {
    }

    static String format(Event event, boolean json) {
        if (json) {
            try {
                Map<String, Object> object = new java.util.LinkedHashMap<>();
                object.put("time", event.time().toString());
                object.put("mono", event.mono());
                object.put("source", event.source());
                object.put("type", event.type());
                object.put("details", event.details());
                return Json.mapper().writeValueAsString(object);
            } catch (Exception e) {
                throw new CliException("cannot print event " + event.type() + ": " + e.getMessage());
            }
        }
        String details = event.details().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.format("%s  %-6s %-20s %s", TIME.format(event.time()), event.source(), event.type(), details);
    }
}
