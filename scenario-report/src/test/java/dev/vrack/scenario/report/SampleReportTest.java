package dev.vrack.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writes the sample reports into target/sample-reports/ (to look at) and checks their verdicts. */
class SampleReportTest {

    @Test
    void theSampleReportsAreWrittenWithTheirVerdicts() throws Exception {
        Path dir = Path.of("target", "sample-reports");

        SampleReport.write(dir);

        assertThat(SampleReport.failover().report(40_000).outcome()).isEqualTo(Outcome.PASS);
        assertThat(SampleReport.race().report(12_000).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(Files.readString(dir.resolve("failover.html"))).contains("<span class=\"verdict PASS\">");
        assertThat(Files.readString(dir.resolve("race.html"))).contains("<rect class=\"overgrant\"");
    }
}
