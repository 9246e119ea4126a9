package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.checker.Invariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios that ship load, and the schema agrees with the Java enums it mirrors. */
class ShippedScenariosTest {

    private static final Path FOLDER = Path.of("..", "cluster-configs", "scenarios");

    @Test
    void everyShippedScenarioLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(FOLDER)) {
            files = listing.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("pull-failover.yml",
                "kill-storm.yml", "manager-restart.yml", "usb-key-out.yml", "silent-partition.yml",
                "rolling-maintenance.yml", "race-20-for-3.yml");
        for (Path file : files) {
            assertThatCode(() -> ScenarioLoader.load(file)).as(file.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void theSchemaIsBundledAndListsEveryFaultAndSelectableInvariant() {
        JsonNode tree = ScenarioLoader.schema().tree();
        assertThat(tree.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(strings(tree.at("/$defs/step/properties/fault/enum")))
                .containsExactlyElementsOf(Arrays.stream(FaultKind.values()).map(FaultKind::id).toList());
        assertThat(strings(tree.at("/properties/invariants/items/enum")))
                .containsExactlyElementsOf(Arrays.stream(Invariant.values())
                        .filter(i -> i != Invariant.MALFORMED_EVENT).map(Invariant::id).toList());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
