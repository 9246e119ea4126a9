package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Turns a schema-valid rack tree into records, filling in every default. It does not judge the values (that is
 * {@link SemanticChecks}' job, which runs on its result), so it never fails on a tree that passed the schema.
 */
final class RackConfigBuilder {

    private RackConfigBuilder() {
    }

    static RackConfig build(JsonNode root, Subnet subnet, Path source) {
        JsonNode chassisList = root.path("chassis");
        List<ChassisConfig> chassis = new ArrayList<>();
        for (int i = 0; i < chassisList.size(); i++) {
            chassis.add(chassis(chassisList.get(i), subnet, i));
        }
        List<LicenseConfig> licenses = new ArrayList<>();
        root.path("licenses").forEach(l -> licenses.add(license(l, chassis)));
        return new RackConfig(root.path("name").asText(), subnet, dhcp(root.path("dhcp"), subnet, chassis.size()),
                chassis, source, licenses);
    }

    private static LicenseConfig license(JsonNode node, List<ChassisConfig> allChassis) {
        List<String> chassis = new ArrayList<>();
        if (node.has("chassis")) {
            node.get("chassis").forEach(c -> chassis.add(c.asText()));
        } else {
            allChassis.forEach(c -> chassis.add(c.name()));
        }
        return new LicenseConfig(node.path("app").asText(), node.path("count").asInt(), chassis,
                node.path("days").asInt(LicenseConfig.DEFAULT_DAYS));
    }

    private static DhcpSettings dhcp(JsonNode dhcp, Subnet subnet, int chassisCount) {
        Ipv4Address server = address(dhcp.get("server")).orElse(DhcpDefaults.server(subnet));
        Ipv4Address[] pool = DhcpDefaults.pool(subnet, chassisCount);
        JsonNode explicitPool = dhcp.get("pool");
        if (explicitPool != null) {
            pool = new Ipv4Address[] {Ipv4Address.parse(explicitPool.path("start").asText()),
                    Ipv4Address.parse(explicitPool.path("end").asText())};
        }
        int lease = dhcp.path("leaseSeconds").asInt(DhcpSettings.DEFAULT_LEASE_SECONDS);
        return new DhcpSettings(server, pool[0], pool[1], lease, port(dhcp.get("serverPort")),
                port(dhcp.get("clientPort")));
    }

    private static ChassisConfig chassis(JsonNode node, Subnet subnet, int index) {
        TreeSet<Integer> ioBus = new TreeSet<>();
        if (node.has("ioBus")) {
            node.get("ioBus").forEach(slot -> ioBus.add(slot.asInt()));
        } else {
            ioBus.add(0);
        }
        List<CartridgeConfig> cartridges = new ArrayList<>();
        node.path("cartridges").forEach(c -> cartridges.add(cartridge(c)));
        return new ChassisConfig(node.path("name").asText(), node.path("chassisId").asText(),
                node.path("slots").asInt(), ioBus,
                address(node.get("hubAddress")).orElse(DhcpDefaults.hub(subnet, index)),
                text(node.get("usbKey")), cartridges);
    }

    private static CartridgeConfig cartridge(JsonNode node) {
        return new CartridgeConfig(node.path("slot").asInt(), CartridgeKind.parse(node.path("kind").asText()),
                text(node.get("card")), address(node.get("address")));
    }

    private static Optional<Ipv4Address> address(JsonNode node) {
        return text(node).map(Ipv4Address::parse);
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static OptionalInt port(JsonNode node) {
        return node == null || node.isNull() ? OptionalInt.empty() : OptionalInt.of(node.asInt());
    }
}
