package dev.vrack.chassis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a chassis control API like the command line does. */
final class ControlClient {

    /** An answer: status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token;

    ControlClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    Answer postWithToken(String path, String json, String otherToken) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)), otherToken);
    }

    JsonNode status() {
        Answer answer = get("/status");
        if (answer.status() != 200) {
            throw new AssertionError("status failed: " + answer);
        }
        return answer.body();
    }

    JsonNode slot(int n) {
        return status().get("slots").get(n);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Answer send(HttpRequest.Builder builder, String bearer) {
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Json.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("control request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
