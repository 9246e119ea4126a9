package dev.vrack.authority.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.authority.AuthorityException;
import dev.vrack.authority.AuthorityException.Reason;
import dev.vrack.authority.LicenseOrder;
import dev.vrack.common.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /licenses}:
 * {@code {"app": "www", "count": 4, "keyId": "KEY-…", "chassisIds": ["CHASSIS-A-0001"], "validDays": 30,
 * "conditions": {"maxExecutions": "100"}}} ({@code conditions} optional). Every mistake is named.
 */
final class LicenseRequestParser {

    static final String EXAMPLE = "{\"app\": \"www\", \"count\": 4, \"keyId\": \"KEY-0123456789ABCDEF\", "
            + "\"chassisIds\": [\"CHASSIS-A-0001\"], \"validDays\": 30}";

    private LicenseRequestParser() {
    }

    static LicenseOrder parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid("the body cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        String app = text(root, "app");
        int count = integer(root, "count");
        String keyId = text(root, "keyId");
        JsonNode chassis = root.get("chassisIds");
        if (chassis == null || !chassis.isArray()) {
            throw invalid("\"chassisIds\" must be an array of chassis ID strings");
        }
        List<String> chassisIds = new ArrayList<>();
        for (JsonNode id : chassis) {
            if (!id.isTextual()) {
                throw invalid("\"chassisIds\" must hold strings only, found " + id.getNodeType());
            }
            chassisIds.add(id.asText());
        }
        int validDays = integer(root, "validDays");
        if (validDays < 1) {
            throw invalid("\"validDays\" is " + validDays + "; it must be at least 1");
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode given = root.get("conditions");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw invalid("\"conditions\" must be an object of name: string value");
            }
            var fields = given.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw invalid("condition \"" + field.getKey() + "\" must be a string");
                }
                conditions.put(field.getKey(), field.getValue().asText());
            }
        }
        return new LicenseOrder(app, count, keyId, chassisIds, Duration.ofDays(validDays), conditions);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw invalid("\"" + field + "\" is missing or not a string");
        }
        return node.asText();
    }

    private static int integer(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid("\"" + field + "\" is missing or not a whole number");
        }
        return node.asInt();
    }

    private static AuthorityException invalid(String error) {
        return new AuthorityException(Reason.INVALID, error, "send a JSON object like " + EXAMPLE);
    }
}
