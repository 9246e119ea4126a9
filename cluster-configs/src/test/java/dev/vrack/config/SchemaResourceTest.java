package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema users read at the top of cluster-configs/ is the very one the loader enforces. */
class SchemaResourceTest {

    @Test
    void bundledSchemaIsTheFileAtTheTopOfTheFolder() throws Exception {
        String onDisk = Files.readString(Path.of("rack.schema.json"));
        try (InputStream in = RackSchema.class.getResourceAsStream(RackSchema.RESOURCE)) {
            assertThat(in).as("schema bundled at " + RackSchema.RESOURCE).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(onDisk);
        }
        assertThat(RackSchema.instance().tree().path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
}
