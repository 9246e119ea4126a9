package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What the hands-on verbs (pull, insert, power, usb, link) share: finding the chassis they act on. */
final class HardwareVerb {

    private HardwareVerb() {
    }

    static ChassisClient chassis(RackCommand.Selected selected, String name) {
        if (selected.config().chassis(name).isEmpty()) {
            String known = String.join(", ", selected.config().chassis().stream().map(c -> c.name()).toList());
            throw new CliException("no chassis named '" + name + "' in rack " + selected.config().name()
                    + "; its chassis are: " + known);
        }
        return ChassisClient.of(selected.layout(), name).orElseThrow(() -> new CliException(
                "chassis " + name + " is not running; start the rack with: rack up " + selected.layout().rackFile()));
    }

    static String describeSlot(SlotAddress address, JsonNode slot) {
        StringBuilder text = new StringBuilder(address + ": " + slot.path("state").asText("?"));
        if (!slot.path("kind").asText("").isEmpty()) {
            text.append(" ").append(slot.path("kind").asText());
        }
        if (!slot.path("ip").asText("").isEmpty()) {
            text.append(" ").append(slot.path("ip").asText());
        }
        if (!slot.path("link").asText("").isEmpty()) {
            text.append(" link ").append(slot.path("link").asText());
        }
        return text.toString();
    }
}
