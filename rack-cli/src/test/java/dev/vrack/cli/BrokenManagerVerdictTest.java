package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The verdict can fail (issue 5): a deliberately broken manager ({@code VRACK_TEST_FAULTS=skip-count-check},
 * inherited from {@code rack up} by every process of the rack) grants all three www cartridges although the
 * license counts two, and {@code rack check} exits non-zero naming the over-grant interval.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokenManagerVerdictTest {

    private static final String RACK = FaultRack.licensedRack("broken-manager", "127.157.0.0/24", "CHASSIS-BM-0001", 8, 3, 2);

    private FaultRack rack;

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("broken-manager", RACK, Map.of("VRACK_TEST_FAULTS", "skip-count-check"),
                "--lease-ttl-ms", "3000", "--safety-margin-ms", "500", "--retry-ms", "500");
    }

    @AfterAll
    void down() {
        if (rack != null) {
            rack.down();
        }
    }

    @Test
    void theBrokenManagerGrantsThreeOfTwoAndRackCheckNamesTheOverGrant() {
        await().atMost(Duration.ofSeconds(60)).until(() -> rack.running().size() == 3);
        // The manager said loudly that it is broken.
        assertThat(rack.events("manager.test-fault", FaultRack.source("A/0"))).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("fault", "skip-count-check"));

        RackCli.Result check = rack.run("check", "--json");
        assertThat(check.exitCode()).as("rack check: %s %s", check.out(), check.err()).isEqualTo(1);
        JsonNode verdict = check.json();
        assertThat(verdict.path("valid").asBoolean()).isFalse();
        JsonNode overGrant = null;
        for (JsonNode violation : verdict.path("violations")) {
            if (violation.path("invariant").asText().equals("over-grant")) {
                overGrant = violation;
            }
        }
        assertThat(overGrant).as("an over-grant violation in %s", verdict).isNotNull();
        assertThat(overGrant.path("app").asText()).isEqualTo("www");
        assertThat(overGrant.path("from").path("mono").asLong()).isPositive();
        assertThat(overGrant.path("to").path("mono").asLong())
                .isGreaterThanOrEqualTo(overGrant.path("from").path("mono").asLong());
        JsonNode www = verdict.path("apps").get(0);
        assertThat(www.path("peakRunning").asInt()).isEqualTo(3);
        assertThat(www.path("countAtPeak").asInt()).isEqualTo(2);

        // The text verdict names the interval too, as a user reads it.
        RackCli.Result text = rack.run("check");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("VIOLATION over-grant www").contains("INVALID");
    }
}
