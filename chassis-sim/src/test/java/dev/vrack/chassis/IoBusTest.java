package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
import dev.vrack.common.TimeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoBusTest {

    @TempDir
    Path dir;

    @Test
    void onlyWiredSlotsReachTheBus() {
        IoBus bus = new IoBus("A", new TreeSet<>(List.of(0)));
        bus.requireWired(0);
        assertThatThrownBy(() -> bus.requireWired(3))
                .isInstanceOf(NoSuchDeviceException.class)
                .hasMessage("no such device on this slot's bus: slot 3 of chassis A is not wired to the I/O bus (wired: 0)");
    }

    @Test
    void listsEveryWiredSlotInTheRefusal() {
        IoBus bus = new IoBus("B", new TreeSet<>(List.of(2, 0)));
        assertThat(bus.isWired(2)).isTrue();
        assertThatThrownBy(() -> bus.requireWired(1)).hasMessageEndingWith("(wired: 0, 2)");
    }

    @Test
    void idMemoryRecordsReadsAndRefusals() {
        Path file = dir.resolve("A.jsonl");
        try (EventLog events = EventLog.open(file, "A", TimeSource.SYSTEM)) {
            IdMemory memory = new IdMemory("A", "CHASSIS-A-1", new IoBus("A", new TreeSet<>(List.of(0))), events);
            assertThat(memory.read(0)).isEqualTo("CHASSIS-A-1");
            assertThatThrownBy(() -> memory.read(3)).isInstanceOf(NoSuchDeviceException.class);
        }
        List<Event> events = EventReader.readFile(file);
        assertThat(events).extracting(Event::type).containsExactly("idmemory.read", "idmemory.refused");
        assertThat(events.get(0).source()).isEqualTo("A/0");
        assertThat(events.get(0).details()).containsEntry("chassisId", "CHASSIS-A-1");
        assertThat(events.get(1).source()).isEqualTo("A/3");
        assertThat((String) events.get(1).details().get("reason")).contains("slot 3 of chassis A is not wired");
    }
}
