package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The rack file's JSON Schema ({@code rack.schema.json}, bundled in the jar), compiled once. */
final class RackSchema {

    /** Where the build puts the schema inside the jar (see the module's pom). */
    static final String RESOURCE = "/dev/vrack/config/rack.schema.json";

    private static final RackSchema INSTANCE = new RackSchema();

    private final JsonNode tree;
    private final JsonSchema schema;

    private RackSchema() {
        try (InputStream in = RackSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the rack schema " + RESOURCE + " is missing from the classpath; "
                        + "rebuild cluster-configs with: mvn -pl cluster-configs install");
            }
            tree = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled rack schema " + RESOURCE, e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
    }

    static RackSchema instance() {
        return INSTANCE;
    }

    /** The schema as a JSON tree, to look up descriptions and bounds when explaining an error. */
    JsonNode tree() {
        return tree;
    }

    /** Every way the document breaks the schema; empty when it conforms. */
    Set<ValidationMessage> validate(JsonNode document) {
        return schema.validate(document);
    }
}
