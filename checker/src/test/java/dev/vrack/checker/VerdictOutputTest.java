package dev.vrack.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import org.junit.jupiter.api.Test;

class VerdictOutputTest {

    private static Verdict overGrant() {
        return new TestHistory().seats(0, "www", 2)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2").started(300, "B/1", "www", "L3")
                .stopped(500, "A/1", "www").check();
    }

    @Test
    void theReportShowsThePeakThenEachViolationWithItsIntervalAndEvents() {
        String report = VerdictReport.text(overGrant());

        assertThat(report).contains("5 events")
                .contains("www", "peak 3 running (count 2 in force then)")
                .contains("VIOLATION over-grant www  [+0.300s .. +0.500s]")
                .contains("2025-01-01T00:00:00.300Z .. 2025-01-01T00:00:00.500Z")
                .contains("B/1    app.started")
                .contains("INVALID: 1 over-grant");
    }

    @Test
    void aValidReportSaysSo() {
        String report = VerdictReport.text(new TestHistory().seats(0, "www", 1).started(1, "A/1", "www", "L").check());

        assertThat(report).contains("VALID: no over-grant").doesNotContain("VIOLATION");
    }

    @Test
    void theJsonCarriesTheSameFacts() throws Exception {
        JsonNode json = Json.mapper().readTree(VerdictJson.toText(overGrant()));

        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("apps").get(0).get("peakRunning").asInt()).isEqualTo(3);
        JsonNode violation = json.get("violations").get(0);
        assertThat(violation.get("invariant").asText()).isEqualTo("over-grant");
        assertThat(violation.get("from").get("mono").asLong()).isEqualTo(TestHistory.mono(300));
        assertThat(violation.get("to").get("time").asText()).isEqualTo("2025-01-01T00:00:00.500Z");
        assertThat(violation.get("events")).hasSize(5);
        assertThat(violation.get("events").get(0).get("details").get("count").asInt()).isEqualTo(2);
    }
}
