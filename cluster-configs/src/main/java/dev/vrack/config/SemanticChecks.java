package dev.vrack.config;

import dev.vrack.common.Subnet;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks a JSON Schema cannot express, run on a schema-valid document: the subnet first (every default
 * address derives from it), then addresses and the layout of chassis and slots on the resolved config.
 */
final class SemanticChecks {

    private SemanticChecks() {
    }

    static RackConfig check(YamlDocument document, Path source) throws ConfigException {
        ProblemSink problems = new ProblemSink(document);
        Optional<Subnet> subnet = subnet(document.root().path("subnet").asText(), problems);
        if (subnet.isEmpty()) {
            throw problems.failure();
        }
        RackConfig config = RackConfigBuilder.build(document.root(), subnet.get(), source);
        new AddressChecks(config, problems).run();
        new LayoutChecks(config, problems).run();
        licenseChassis(config, problems);
        if (!problems.isEmpty()) {
            throw problems.failure();
        }
        return config;
    }

    /** Every chassis a license lists exists in the rack. */
    private static void licenseChassis(RackConfig config, ProblemSink problems) {
        for (int i = 0; i < config.licenses().size(); i++) {
            LicenseConfig license = config.licenses().get(i);
            for (int j = 0; j < license.chassis().size(); j++) {
                String name = license.chassis().get(j);
                if (config.chassis(name).isEmpty()) {
                    problems.add(FieldPath.ROOT.field("licenses").index(i).field("chassis").index(j),
                            "no chassis named '" + name + "' in this rack; its chassis are: "
                                    + String.join(", ", config.chassis().stream().map(ChassisConfig::name).toList()));
                }
            }
        }
    }

    private static Optional<Subnet> subnet(String text, ProblemSink problems) {
        Subnet subnet;
        try {
            subnet = Subnet.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(Fields.SUBNET, e.getMessage());
            return Optional.empty();
        }
        if (!subnet.isLoopback()) {
            problems.add(Fields.SUBNET, subnet + " is outside 127.0.0.0/8; the rack only ever uses loopback "
                    + "addresses (try " + loopbackSuggestion(subnet) + ")");
            return Optional.empty();
        }
        return Optional.of(subnet);
    }

    /** A loopback subnet of the same size, so the user keeps the room they asked for. */
    private static String loopbackSuggestion(Subnet subnet) {
        int prefix = subnet.prefixLength();
        if (prefix >= 16) {
            return "127.42.0.0/" + prefix;
        }
        return prefix >= 8 ? "127.0.0.0/" + prefix : "127.42.0.0/24";
    }
}
