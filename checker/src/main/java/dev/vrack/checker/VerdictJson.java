package dev.vrack.checker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Event;
import dev.vrack.common.Json;
import java.util.List;

/**
 * A verdict as one JSON object: {@code valid}, {@code events}, {@code first}/{@code last}, {@code apps},
 * {@code violations} (each with {@code invariant}, {@code app}, {@code from}/{@code to} as {@code {mono, time}},
 * {@code message}, {@code events}) and {@code pendingReclaims}.
 */
public final class VerdictJson {

    private VerdictJson() {
    }

    /** The verdict as a JSON tree. */
    public static ObjectNode toJson(Verdict verdict) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("valid", verdict.valid());
        root.put("events", verdict.eventCount());
        root.set("first", moment(verdict.first()));
        root.set("last", moment(verdict.last()));
        ArrayNode apps = root.putArray("apps");
        for (AppSummary app : verdict.apps()) {
            ObjectNode node = apps.addObject();
            node.put("app", app.app());
            node.put("peakRunning", app.peakRunning());
            node.put("countAtPeak", app.countAtPeak());
            node.set("peakAt", moment(app.peakAt()));
            node.put("runningAtEnd", app.runningAtEnd());
            node.put("countAtEnd", app.countAtEnd());
            node.put("seatsHeldAtEnd", app.seatsHeldAtEnd());
        }
        ArrayNode violations = root.putArray("violations");
        for (Violation violation : verdict.violations()) {
            ObjectNode node = violations.addObject();
            node.put("invariant", violation.invariant().id());
            node.put("app", violation.app());
            node.set("from", moment(violation.from()));
            node.set("to", moment(violation.to()));
            node.put("message", violation.message());
            node.set("events", events(violation.events()));
        }
        ArrayNode pending = root.putArray("pendingReclaims");
        for (PendingReclaim reclaim : verdict.pendingReclaims()) {
            ObjectNode node = pending.addObject();
            node.put("app", reclaim.app());
            node.put("holder", reclaim.holder());
            node.put("lease", reclaim.lease());
            node.set("holderEnded", moment(reclaim.holderEnded()));
            node.put("graceMs", reclaim.graceMs());
            node.put("remainingMs", reclaim.remainingMs());
            node.set("events", events(reclaim.events()));
        }
        return root;
    }

    /** The verdict as a compact JSON text. */
    public static String toText(Verdict verdict) {
        return toJson(verdict).toString();
    }

    private static ObjectNode moment(Moment moment) {
        if (moment == null) {
            return null;
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("mono", moment.mono());
        node.put("time", moment.time() == null ? null : moment.time().toString());
        return node;
    }

    private static ArrayNode events(List<Event> events) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Event event : events) {
            ObjectNode node = array.addObject();
            node.put("time", event.time() == null ? null : event.time().toString());
            node.put("mono", event.mono());
            node.put("source", event.source());
            node.put("type", event.type());
            node.set("details", Json.mapper().valueToTree(event.details()));
        }
        return array;
    }
}
