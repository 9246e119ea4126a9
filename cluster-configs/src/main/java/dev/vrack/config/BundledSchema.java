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

/** A JSON Schema (draft 2020-12) bundled in a jar as a resource, compiled once; rack and scenario files use one. */
public final class BundledSchema {

    private final JsonNode tree;
    private final JsonSchema schema;

    private BundledSchema(JsonNode tree) {
        this.tree = tree;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
    }

    /**
     * Loads the schema at {@code resource} (an absolute resource name) through {@code owner}'s class loader;
     * {@code rebuildHint} tells the developer how to put it back when the build left it out.
     */
    public static BundledSchema load(Class<?> owner, String resource, String rebuildHint) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + resource + " is missing from the classpath; "
                        + rebuildHint);
            }
            return new BundledSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled schema " + resource, e);
        }
    }

    /** The schema as a JSON tree, to look up descriptions and bounds when explaining an error. */
    public JsonNode tree() {
        return tree;
    }

    /** Every way the document breaks the schema; empty when it conforms. */
    public Set<ValidationMessage> validate(JsonNode document) {
        return schema.validate(document);
    }
}
