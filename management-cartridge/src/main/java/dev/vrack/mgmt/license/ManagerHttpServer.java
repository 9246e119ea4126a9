package dev.vrack.mgmt.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vrack.common.Json;
import dev.vrack.license.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The manager's HTTP side on its LAN address: {@code GET /metrics} (Prometheus text), {@code GET /licenses}
 * (seats and holders per application) and {@code POST /licenses/release {"chassis":"A","slot":3}}.
 * Errors are JSON {@code {"error": ..., "hint": ...}}.
 */
public final class ManagerHttpServer implements AutoCloseable {

    private static final int MAX_BODY = 4096;
    private static final long ANSWER_SECONDS = 5;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LicenseManager manager;
    private final LicenseMetrics metrics;

    private ManagerHttpServer(HttpServer server, ExecutorService executor, LicenseManager manager, LicenseMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.manager = manager;
        this.metrics = metrics;
    }

    /** Binds {@code address} and serves. */
    public static ManagerHttpServer start(InetSocketAddress address, LicenseManager manager, LicenseMetrics metrics)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage() + "; another process holds the port (metricsPort in runtime.json)", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "manager-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        ManagerHttpServer http = new ManagerHttpServer(server, executor, manager, metrics);
        server.createContext("/", http::handle);
        server.start();
        return http;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (TimeoutException e) {
            sendError(exchange, 503, "the license manager did not answer within " + ANSWER_SECONDS + " s",
                    "try again; see the management cartridge's log");
        } catch (Exception e) {
            sendError(exchange, 500, "the request failed: " + e, "see the management cartridge's log");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws Exception {
        {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/metrics") && method.equals("GET")) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/licenses") && method.equals("GET")) {
                sendJson(exchange, 200, licenses());
            } else if (path.equals("/licenses/release") && method.equals("POST")) {
                release(exchange);
            } else {
                sendError(exchange, 404, "no such resource: " + method + " " + path,
                        "the license manager serves GET /metrics, GET /licenses and POST /licenses/release");
            }
        }
    }

    private ArrayNode licenses() throws Exception {
        ArrayNode apps = Json.mapper().createArrayNode();
        for (LicenseManager.AppView app : manager.view().get(ANSWER_SECONDS, TimeUnit.SECONDS)) {
            ObjectNode node = apps.addObject();
            node.put("app", app.app());
            node.put("count", app.count());
            node.put("inUse", app.inUse());
            node.put("waiting", app.waiting());
            ArrayNode holders = node.putArray("holders");
            app.holders().forEach(holders::add);
        }
        return apps;
    }

    private void release(HttpExchange exchange) throws Exception {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                sendError(exchange, 413, "request body larger than " + MAX_BODY + " bytes", "send {\"chassis\":\"A\",\"slot\":3}");
                return;
            }
            body = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            sendError(exchange, 400, "the body is not JSON: " + e.getMessage(), "send {\"chassis\":\"A\",\"slot\":3}");
            return;
        }
        if (body == null || !body.path("chassis").isTextual() || body.path("chassis").asText().isBlank()
                || !body.path("slot").canConvertToInt() || !body.path("slot").isIntegralNumber() || body.path("slot").asInt() < 0) {
            sendError(exchange, 400, "expected {\"chassis\": <chassis name>, \"slot\": <slot number>}, got " + body,
                    "e.g. {\"chassis\":\"A\",\"slot\":3}");
            return;
        }
        String chassis = body.path("chassis").asText();
        int slot = body.path("slot").asInt();
        List<Lease> released = manager.adminRelease(chassis, slot).get(ANSWER_SECONDS, TimeUnit.SECONDS);
        if (released.isEmpty()) {
            sendError(exchange, 404, "slot " + chassis + "/" + slot + " holds no seat",
                    "see the holders with GET /licenses (or rack status)");
            return;
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("holder", chassis + "/" + slot);
        ArrayNode leases = answer.putArray("released");
        for (Lease lease : released) {
            leases.addObject().put("app", lease.appId()).put("lease", lease.leaseId());
        }
        sendJson(exchange, 200, answer);
    }

    private static void sendError(HttpExchange exchange, int status, String error, String hint) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", error);
        body.put("hint", hint);
        sendJson(exchange, status, body);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", Json.mapper().writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
