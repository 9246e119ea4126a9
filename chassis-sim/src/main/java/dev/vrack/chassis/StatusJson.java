package dev.vrack.chassis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import dev.vrack.common.LinkCondition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Renders chassis, slot and USB status as the JSON of the control API (docs/ARCHITECTURE.md). */
public final class StatusJson {

    private StatusJson() {
    }

    /**
     * One slot; {@code link} is up, down or blackhole, and {@code linkImpairment} ({@code delayMs},
     * {@code jitterMs}, {@code lossPercent}) is there only while the up link is impaired.
     */
    public static ObjectNode slot(SlotSnapshot s, LinkCondition link) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("slot", s.slot());
        node.put("state", s.state().label());
        putOrNull(node, "kind", s.kind().filter(k -> !k.isEmpty()));
        if (s.pid().isPresent()) {
            node.put("pid", s.pid().getAsLong());
        } else {
            node.putNull("pid");
        }
        putOrNull(node, "ip", s.ip());
        node.put("link", link.state().wireName());
        if (link.impaired()) {
            ObjectNode impairment = node.putObject("linkImpairment");
            impairment.put("delayMs", link.delayMs()).put("jitterMs", link.jitterMs())
                    .put("lossPercent", link.lossPercent());
        }
        putOrNull(node, "card", s.card().map(Path::toString));
        node.put("ioBus", s.ioBus());
        ObjectNode details = node.putObject("details");
        s.details().forEach(details::put);
        return node;
    }

    public static ObjectNode usb(Optional<UsbKeyInfo> key) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("attached", key.isPresent());
        key.ifPresent(k -> node.put("keyId", k.keyId()).put("chassisId", k.chassisId())
                .put("file", k.file().toString()));
        return node;
    }

    /** The whole chassis; {@code slots} pairs each snapshot with its link state. */
    public static ObjectNode chassis(String name, String chassisId, long pid, Hub hub, Optional<UsbKeyInfo> key,
                                     List<SlotSnapshot> slots) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", name);
        node.put("chassisId", chassisId);
        node.put("pid", pid);
        node.put("slotCount", slots.size());
        node.putObject("hub").put("address", hub.address().toString()).put("relayPort", hub.relayPort());
        node.set("usbKey", usb(key));
        var array = node.putArray("slots");
        slots.forEach(s -> array.add(slot(s, hub.condition(s.slot()))));
        return node;
    }

    private static void putOrNull(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
