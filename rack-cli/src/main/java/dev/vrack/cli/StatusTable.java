package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Renders the rack status object as the table people read in a terminal. */
final class StatusTable {

    private StatusTable() {
    }

    static void print(JsonNode rack, PrintWriter out) {
        out.printf("rack %s   subnet %s   state %s%n", rack.path("rack").asText(), rack.path("subnet").asText(),
                rack.path("stateDir").asText());
        for (JsonNode chassis : rack.path("chassis")) {
            out.println();
            JsonNode usb = chassis.path("usbKey");
            String key = usb.path("attached").asBoolean()
                    ? usb.path("keyId").asText("?") + " (attached)" : "none";
            out.printf("chassis %s   id %s   %s   usb key %s%n", chassis.path("name").asText(),
                    chassis.path("chassisId").asText(), chassis.path("state").asText(), key);
            if ("down".equals(chassis.path("state").asText())) {
                out.printf("  %s%n", chassis.path("reason").asText());
                continue;
            }
            out.printf("  %-4s %-9s %-11s %-15s %-5s %-8s %-8s %s%n", "SLOT", "STATE", "KIND", "IP", "LINK", "PID", "APP",
                    "LICENSE");
            for (JsonNode slot : chassis.path("slots")) {
                if ("empty".equals(slot.path("state").asText())) {
                    continue;
                }
                out.printf("  %-4s %-9s %-11s %-15s %-5s %-8s %-8s %s%n", slot.path("slot").asText(),
                        slot.path("state").asText(), text(slot.path("kind")), text(slot.path("ip")),
                        text(slot.path("link")), slot.path("pid").asLong(0) == 0 ? "-" : slot.path("pid").asText(),
                        text(slot.path("app")), text(slot.path("license")));
            }
        }
        if (!rack.path("licenses").isEmpty()) {
            out.println();
            out.printf("  %-12s %6s %6s %8s  %s%n", "APP", "COUNT", "IN USE", "WAITING", "HOLDERS");
            for (JsonNode app : rack.path("licenses")) {
                out.printf("  %-12s %6d %6d %8d  %s%n", app.path("app").asText(), app.path("count").asInt(),
                        app.path("inUse").asInt(), app.path("waiting").asInt(),
                        String.join(" ", holders(app)));
            }
        }
        out.flush();
    }

    private static java.util.List<String> holders(JsonNode app) {
        java.util.List<String> holders = new java.util.ArrayList<>();
        app.path("holders").forEach(h -> holders.add(h.asText()));
        return holders;
    }

    private static String text(JsonNode node) {
        String text = node.isMissingNode() || node.isNull() ? "" : node.asText();
        return text.isEmpty() ? "-" : text;
    }
}
