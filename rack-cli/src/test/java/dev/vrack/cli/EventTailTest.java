package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code rack events --follow} relies on: new complete lines only, merged across files in time order. */
class EventTailTest {

    @TempDir
    Path events;

    @Test
    void returnsOnlyNewCompleteEventsMergedByMonotonicTime() throws Exception {
        EventTail tail = new EventTail(events);
        assertThat(tail.poll()).isEmpty();
        try (EventLog chassis = EventLog.open(events.resolve("A.jsonl"), "A", TimeSource.SYSTEM);
             EventLog slot = EventLog.open(events.resolve("A-1.jsonl"), "A/1", TimeSource.SYSTEM)) {
            chassis.emit("slot.powered", Map.of("on", true));
            slot.emit("cartridge.booted");
            chassis.emit("link.changed", Map.of("link", "down"));
            assertThat(tail.poll()).extracting(Event::type)
                    .containsExactly("slot.powered", "cartridge.booted", "link.changed");
            assertThat(tail.poll()).isEmpty();

            Files.writeString(events.resolve("A.jsonl"), "{\"time\":\"2026-01-01T00:00:00Z\",\"mono\":1,",
                    StandardOpenOption.APPEND);
            assertThat(tail.poll()).as("half a line waits").isEmpty();
            Files.writeString(events.resolve("A.jsonl"), "\"source\":\"A\",\"type\":\"late\"}\nnot json\n",
                    StandardOpenOption.APPEND);
            assertThat(tail.poll()).extracting(Event::type).containsExactly("late");
        }
    }
}
