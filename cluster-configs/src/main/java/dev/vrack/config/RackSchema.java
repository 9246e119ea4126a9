package dev.vrack.config;

/** The rack file's JSON Schema ({@code rack.schema.json}, bundled in the jar), compiled once. */
final class RackSchema {

    /** Where the build puts the schema inside the jar (see the module's pom). */
    static final String RESOURCE = "/dev/vrack/config/rack.schema.json";

    private static final BundledSchema INSTANCE = BundledSchema.load(RackSchema.class, RESOURCE,
            "rebuild cluster-configs with: mvn -pl cluster-configs install");

    private RackSchema() {
    }

    static BundledSchema instance() {
        return INSTANCE;
    }
}
