package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import dev.vrack.common.ProcessRecord;
import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Talks to one chassis process through its control API (see docs/ARCHITECTURE.md). */
public final class ChassisClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String chassis;
    private final URI base;
    private final String token;
    private final ProcessRecord process;

    private ChassisClient(String chassis, URI base, String token, ProcessRecord process) {
        this.chassis = chassis;
        this.base = base;
        this.token = token;
        this.process = process;
    }

    /** The client for a chassis whose control file exists, or empty if the chassis never came up. */
    public static Optional<ChassisClient> of(StateLayout layout, String chassis) {
        try {
            if (!Files.isRegularFile(layout.controlFile(chassis))) {
                return Optional.empty();
            }
            JsonNode control = Json.mapper().readTree(layout.controlFile(chassis).toFile());
            String token = Files.readString(layout.controlTokenFile(), StandardCharsets.UTF_8).trim();
            ProcessRecord process = new ProcessRecord(control.path("pid").asLong(),
                    Instant.parse(control.path("started").asText(Instant.EPOCH.toString())));
            URI base = URI.create("http://127.0.0.1:" + control.path("controlPort").asInt() + "/");
            return Optional.of(new ChassisClient(chassis, base, token, process));
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot read the control file of chassis " + chassis + " in "
                    + layout.chassisDir(chassis) + ": " + e.getMessage());
        }
    }

    public String chassis() {
        return chassis;
    }

    public ProcessRecord process() {
        return process;
    }

    public JsonNode status() {
        return send("GET", "status", null);
    }

    public JsonNode post(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, Map<String, ?> body) {
        try {
            String json = body == null ? "" : Json.mapper().writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null && method.equals("GET")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(response.body());
            if (response.statusCode() >= 400) {
                String hint = answer.path("hint").asText("");
                throw new CliException("chassis " + chassis + ": " + answer.path("error").asText(response.body())
                        + (hint.isEmpty() ? "" : "\n  hint: " + hint));
            }
            return answer;
        } catch (ConnectException e) {
            throw new ChassisUnreachableException("chassis " + chassis + " does not answer on " + base
                    + (process.isAlive() ? " (its process " + process.pid() + " is alive but not listening)"
                    : " (its process " + process.pid() + " is gone; the chassis is down)"));
        } catch (IOException e) {
            throw new ChassisUnreachableException("chassis " + chassis + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while talking to chassis " + chassis);
        }
    }

    /** An object node for request bodies. */
    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    /** The chassis did not answer at all (as opposed to answering with an error). */
    public static final class ChassisUnreachableException extends CliException {
        public ChassisUnreachableException(String message) {
            super(message);
        }
    }
}
