package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import dev.vrack.common.StateLayout;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import java.util.Optional;

/**
 * Builds the rack's status (the {@code rack status --json} object) by asking every chassis of the rack;
 * a chassis that does not answer is shown as down, with its slots unknown.
 */
final class RackStatusReader {

    private RackStatusReader() {
    }

    static ObjectNode read(RackConfig config, StateLayout layout) {
        ObjectNode rack = Json.mapper().createObjectNode();
        rack.put("rack", config.name());
        rack.put("subnet", config.subnet().toString());
        rack.put("stateDir", layout.rackDir().toString());
        ArrayNode chassisList = rack.putArray("chassis");
        for (ChassisConfig chassis : config.chassis()) {
            chassisList.add(chassisStatus(layout, chassis));
        }
        ArrayNode licenses = rack.putArray("licenses");
        ManagerClient.of(layout, rack).flatMap(ManagerClient::licenses).ifPresent(seats -> seats.forEach(app -> {
            ObjectNode entry = licenses.addObject();
            entry.put("app", app.path("app").asText());
            entry.put("count", app.path("count").asInt());
            entry.put("inUse", app.path("inUse").asInt());
            entry.put("waiting", app.path("waiting").asInt());
            entry.set("holders", app.path("holders"));
        }));
        return rack;
    }

    private static JsonNode chassisStatus(StateLayout layout, ChassisConfig chassis) {
        Optional<ChassisClient> client = ChassisClient.of(layout, chassis.name());
        if (client.isPresent()) {
            try {
                ObjectNode status = (ObjectNode) client.get().status();
                status.put("state", "up");
                status.path("slots").forEach(slot -> withLicensingFields((ObjectNode) slot));
                return status;
            } catch (ChassisClient.ChassisUnreachableException e) {
                return down(chassis, e.getMessage());
            }
        }
        return down(chassis, "not started");
    }

    /** Every slot carries {@code app} and {@code license}, null until the card or licensing says more. */
    private static void withLicensingFields(ObjectNode slot) {
        if (!slot.hasNonNull("app")) {
            String app = slot.path("details").path("app").asText("");
            if (app.isEmpty()) {
                slot.putNull("app");
            } else {
                slot.put("app", app);
            }
        }
        if (!slot.hasNonNull("license")) {
            String license = slot.path("details").path("license").asText("");
            if (license.isEmpty()) {
                slot.putNull("license");
            } else {
                slot.put("license", license);
            }
        }
    }

    private static JsonNode down(ChassisConfig chassis, String reason) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", chassis.name());
        node.put("chassisId", chassis.chassisId());
        node.put("state", "down");
        node.put("reason", reason);
        node.put("slotCount", chassis.slots());
        node.putObject("usbKey").put("attached", false);
        node.putArray("slots");
        return node;
    }

    /** True when every configured cartridge of every chassis is up with an address. */
    static boolean allAddressed(RackConfig config, JsonNode status) {
        return addressedCount(status) == expectedCount(config);
    }

    static int expectedCount(RackConfig config) {
        return config.chassis().stream().mapToInt(c -> c.cartridges().size()).sum();
    }

    static int addressedCount(JsonNode status) {
        int count = 0;
        for (JsonNode chassis : status.path("chassis")) {
            for (JsonNode slot : chassis.path("slots")) {
                if ("up".equals(slot.path("state").asText()) && !slot.path("ip").asText("").isEmpty()) {
                    count++;
                }
            }
        }
        return count;
    }
}
