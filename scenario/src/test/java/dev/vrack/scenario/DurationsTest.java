package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The duration and percentage syntax of scenario files. */
class DurationsTest {

    @Test
    void unitsAreMillisecondsSecondsMinutesAndHours() {
        assertThat(Durations.parse("500ms")).isEqualTo(500);
        assertThat(Durations.parse("5s")).isEqualTo(5_000);
        assertThat(Durations.parse("2m")).isEqualTo(120_000);
        assertThat(Durations.parse("1h")).isEqualTo(3_600_000);
        assertThat(Durations.parse("0s")).isZero();
        assertThat(Durations.parseSigned("-30s")).isEqualTo(-30_000);
    }

    @Test
    void negativeAndMalformedDurationsAreRefused() {
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("times are never negative");
        assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("like 500ms, 5s, 2m");
        assertThatThrownBy(() -> Durations.parse("5 sec")).hasMessageContaining("got \"5 sec\"");
    }

    @Test
    void formatGivesTheShortestExactForm() {
        assertThat(Durations.format(5_000)).isEqualTo("5s");
        assertThat(Durations.format(1_500)).isEqualTo("1500ms");
        assertThat(Durations.format(120_000)).isEqualTo("2m");
        assertThat(Durations.format(-2_000)).isEqualTo("-2s");
        assertThat(Durations.format(0)).isEqualTo("0s");
    }

    @Test
    void percentages() {
        assertThat(Durations.percent("5%")).isEqualTo(5.0);
        assertThat(Durations.percent("2.5%")).isEqualTo(2.5);
        assertThatThrownBy(() -> Durations.percent("5")).hasMessageContaining("like 5%");
    }
}
