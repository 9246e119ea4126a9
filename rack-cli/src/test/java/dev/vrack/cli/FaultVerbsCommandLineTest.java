package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage of {@code rack link} and {@code rack clock} without a rack: bad usage exits 2 and says the fix. */
class FaultVerbsCommandLineTest {

    @TempDir
    Path temp;

    private RackCli.Result run(String... args) {
        return new RackCli(temp).run(args);
    }

    @Test
    void durationsAcceptTheUsualUnitsAndASignWhereItMeansSomething() {
        assertThat(DurationText.parseMs("500ms", false)).isEqualTo(500);
        assertThat(DurationText.parseMs("2s", false)).isEqualTo(2_000);
        assertThat(DurationText.parseMs("1m", false)).isEqualTo(60_000);
        assertThat(DurationText.parseMs("1h", false)).isEqualTo(3_600_000);
        assertThat(DurationText.parseMs("+30s", true)).isEqualTo(30_000);
        assertThat(DurationText.parseMs("-2h", true)).isEqualTo(-7_200_000);
        assertThatThrownBy(() -> DurationText.parseMs("-2h", false)).hasMessageContaining("has a sign");
        assertThatThrownBy(() -> DurationText.parseMs("200", false)).hasMessageContaining("500ms, 2s, 1m, 1h");
        assertThatThrownBy(() -> DurationText.parseMs("2 days", true)).hasMessageContaining("+30s, -2h");
    }

    @Test
    void linkAndClockHaveHelp() {
        assertThat(run("link", "--help").out()).contains("blackhole").contains("impair").contains("--loss");
        assertThat(run("clock", "--help").out()).contains("Usage: rack clock").contains("monotonic");
    }

    @Test
    void impairmentsGoWithImpairOnlyAndImpairNeedsOne() {
        RackCli.Result stray = run("link", "A/3", "up", "--delay", "200ms");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("go with 'impair'");
        RackCli.Result empty = run("link", "A/3", "impair");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("at least one of --delay");
        RackCli.Result badLoss = run("link", "A/3", "impair", "--loss", "120%");
        assertThat(badLoss.exitCode()).isEqualTo(2);
        assertThat(badLoss.err()).contains("not a percentage from 0 to 100");
        RackCli.Result badDelay = run("link", "A/3", "impair", "--delay", "fast");
        assertThat(badDelay.exitCode()).isEqualTo(2);
        assertThat(badDelay.err()).contains("'fast' is not a duration");
        RackCli.Result badState = run("link", "A/3", "sideways");
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.err()).contains("blackhole");
    }

    @Test
    void aClockStepTakesASignedDuration() {
        RackCli.Result bare = run("clock", "A/3", "step", "30");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("'30' is not a duration");
        // A negative step is a value, not an option: it parses, then fails only for want of a rack.
        RackCli.Result back = run("clock", "A/3", "step", "-2h");
        assertThat(back.exitCode()).as(back.err()).isEqualTo(1);
        assertThat(back.err()).contains("no rack");
    }
}
