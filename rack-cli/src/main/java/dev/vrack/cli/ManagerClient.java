package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the license manager's HTTP side on the management cartridge's LAN address
 * ({@code GET /licenses}, {@code POST /licenses/release}); see docs/ARCHITECTURE.md, "Licensing".
 */
final class ManagerClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;

    private ManagerClient(URI base) {
        this.base = base;
    }

    /** The manager of a rack whose status shows a management cartridge up with an address. */
    static Optional<ManagerClient> of(StateLayout layout, JsonNode rackStatus) {
        for (JsonNode chassis : rackStatus.path("chassis")) {
            for (JsonNode slot : chassis.path("slots")) {
                if ("management".equals(slot.path("kind").asText()) && "up".equals(slot.path("state").asText())
                        && slot.path("ip").isTextual()) {
                    try {
                        int port = RackRuntime.read(layout.runtimeFile()).licensing().metricsPort();
                        return Optional.of(new ManagerClient(URI.create("http://" + slot.path("ip").asText() + ":" + port + "/")));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The seats of every application, or empty when the manager does not answer. */
    Optional<JsonNode> licenses() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("licenses"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(Json.mapper().readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Frees the seat held by a slot, its holder told to suspend first. */
    JsonNode release(SlotAddress slot) {
        try {
            String body = Json.mapper().writeValueAsString(Map.of("chassis", slot.chassis(), "slot", slot.slot()));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("licenses/release"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new CliException("license manager: " + answer.path("error").asText(response.body())
                        + (answer.hasNonNull("hint") ? "\n  hint: " + answer.path("hint").asText() : ""));
            }
            return answer;
        } catch (IOException e) {
            throw new CliException("the license manager at " + base + " does not answer: " + e.getMessage()
                    + "\n  hint: is the management cartridge up? see: rack status");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while talking to the license manager");
        }
    }
}
