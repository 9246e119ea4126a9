package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotTest {

    private final Slot slot = new Slot("A", 3, false);
    private final Path card = Path.of("/tmp/A-3.card");

    @Test
    void walksThroughTheLifeOfACartridge() {
        assertThat(slot.state()).isEqualTo(SlotState.EMPTY);
        slot.insert(card, "app");
        assertThat(slot.state()).isEqualTo(SlotState.OFF);
        long gen = slot.poweredOn(4242, "n1");
        assertThat(slot.state()).isEqualTo(SlotState.BOOTING);
        assertThat(slot.snapshot().pid()).hasValue(4242);
        assertThat(slot.admit("n1")).isEqualTo(gen);
        slot.addressReported(gen, "127.78.0.13");
        assertThat(slot.state()).isEqualTo(SlotState.UP);
        assertThat(slot.snapshot().ip()).hasValue("127.78.0.13");
        slot.stateReported(gen, "running", Map.of("app", "www"));
        assertThat(slot.snapshot().details()).containsEntry("app", "www").containsEntry("state", "running");
        slot.beginStop(true);
        assertThat(slot.state()).isEqualTo(SlotState.STOPPING);
        assertThat(slot.processExited(gen)).isEqualTo(Slot.ExitOutcome.EXPECTED);
        assertThat(slot.state()).isEqualTo(SlotState.OFF);
        assertThat(slot.snapshot().pid()).isEmpty();
        assertThat(slot.snapshot().ip()).isEmpty();
        SlotSnapshot removed = slot.remove();
        assertThat(removed.card()).hasValue(card);
        assertThat(removed.kind()).hasValue("app");
        assertThat(slot.state()).isEqualTo(SlotState.EMPTY);
    }

    @Test
    void anUnaskedExitIsACrashThatStaysUntilPowerCycled() {
        slot.insert(card, "app");
        long gen = slot.poweredOn(1, "n");
        assertThat(slot.processExited(gen)).isEqualTo(Slot.ExitOutcome.CRASHED);
        assertThat(slot.state()).isEqualTo(SlotState.CRASHED);
        assertThat(slot.snapshot().pid()).hasValue(1);
        // Reports from the dead generation change nothing.
        slot.addressReported(gen, "127.78.0.13");
        assertThat(slot.state()).isEqualTo(SlotState.CRASHED);
        long next = slot.poweredOn(2, "m");
        assertThat(next).isGreaterThan(gen);
        assertThat(slot.state()).isEqualTo(SlotState.BOOTING);
    }

    @Test
    void newsFromAnEarlierPowerOnIsIgnored() {
        slot.insert(card, "app");
        long first = slot.poweredOn(1, "n");
        slot.beginStop(false);
        slot.processExited(first);
        long second = slot.poweredOn(2, "m");
        assertThat(slot.processExited(first)).isEqualTo(Slot.ExitOutcome.STALE);
        slot.addressReported(first, "127.78.0.99");
        assertThat(slot.state()).isEqualTo(SlotState.BOOTING);
        slot.addressReported(second, "127.78.0.13");
        assertThat(slot.state()).isEqualTo(SlotState.UP);
    }

    @Test
    void insertIntoAnOccupiedSlotNamesTheOccupantAndTheFix() {
        slot.insert(card, "app");
        assertThatThrownBy(() -> slot.insert(card, "management"))
                .isInstanceOf(ChassisException.class)
                .hasMessage("slot 3 of chassis A is occupied by an app cartridge")
                .extracting(e -> ((ChassisException) e).hint()).isEqualTo("pull it first: rack pull A/3");
    }

    @Test
    void aNonceAdmitsOneConnectionOnly() {
        slot.insert(card, "app");
        slot.poweredOn(1, "secret");
        assertThatThrownBy(() -> slot.admit("guess")).hasMessageContaining("bad nonce");
        slot.admit("secret");
        assertThatThrownBy(() -> slot.admit("secret")).hasMessageContaining("already used");
    }

    @Test
    void anEmptyOrUnpoweredSlotAdmitsNobody() {
        assertThatThrownBy(() -> slot.admit("x")).hasMessageContaining("is empty");
        slot.insert(card, "app");
        assertThatThrownBy(() -> slot.admit("x")).hasMessageContaining("is off");
    }

    @Test
    void refusesImpossibleMoves() {
        assertThatThrownBy(slot::remove).hasMessageContaining("is empty: there is no cartridge to pull");
        assertThatThrownBy(() -> slot.poweredOn(1, "n")).hasMessageContaining("is empty");
        slot.insert(card, "app");
        slot.poweredOn(1, "n");
        assertThatThrownBy(() -> slot.poweredOn(2, "m")).hasMessageContaining("already powered");
        assertThatThrownBy(slot::remove).hasMessageContaining("still powered");
    }

    @Test
    void powerOffOfACrashedSlotLeavesItOff() {
        slot.insert(card, "app");
        long gen = slot.poweredOn(1, "n");
        slot.processExited(gen);
        slot.clearCrash();
        assertThat(slot.state()).isEqualTo(SlotState.OFF);
        assertThat(slot.snapshot().pid()).isEmpty();
    }
}
