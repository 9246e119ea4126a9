package dev.vrack.chassis.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;

/**
 * What to answer a control request with.
 *
 * @param status    HTTP status
 * @param body      JSON body
 * @param afterSent run once the answer has been written (e.g. the shutdown after {@code POST /shutdown})
 */
public record ControlResponse(int status, JsonNode body, Runnable afterSent) {

    public static ControlResponse ok(JsonNode body) {
        return new ControlResponse(200, body, () -> { });
    }

    /** An error answer: {@code {"error": ..., "hint": ...}}. */
    public static ControlResponse error(int status, String error, String hint) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", error);
        node.put("hint", hint == null ? "" : hint);
        return new ControlResponse(status, node, () -> { });
    }
}
