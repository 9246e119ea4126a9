package dev.vrack.authority.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the authority's HTTP service answers: a status, a content type, a body and extra headers.
 *
 * @param headers extra response headers (e.g. {@code X-License-Id})
 */
record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static HttpAnswer json(int status, JsonNode node) {
        try {
            byte[] bytes = (Json.mapper().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            return new HttpAnswer(status, "application/json; charset=utf-8", bytes, Map.of());
        } catch (JsonProcessingException e) {
            return error(500, "cannot render the answer", "see the authority's log");
        }
    }

    /** {@code {"error": ..., "hint": ...}} */
    static HttpAnswer error(int status, String error, String hint) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", error);
        node.put("hint", hint == null ? "" : hint);
        try {
            byte[] bytes = (Json.mapper().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            return new HttpAnswer(status, "application/json; charset=utf-8", bytes, Map.of());
        } catch (JsonProcessingException e) {
            return new HttpAnswer(500, "application/json; charset=utf-8",
                    "{\"error\":\"internal error\",\"hint\":\"\"}\n".getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    static HttpAnswer bytes(byte[] body, Map<String, String> headers) {
        return new HttpAnswer(200, "application/octet-stream", body, headers);
    }
}
