package dev.vrack.common;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened in the rack, as written one per line to an events file.
 *
 * @param time    wall-clock time
 * @param mono    monotonic time in nanoseconds (comparable across processes of one machine)
 * @param source  who saw it: {@code chassis} for the chassis itself, {@code chassis/slot} for a slot or cartridge,
 *                {@code rack} for the command line
 * @param type    dotted event type, for example {@code slot.inserted} or {@code dhcp.ack}
 * @param details anything else, as JSON-friendly values
 */
public record Event(Instant time, long mono, String source, String type, Map<String, Object> details) {

    public Event {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
