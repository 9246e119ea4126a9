package dev.vrack.samples.www;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vrack.appapi.AppContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers www's requests: the page while licensed, 503 while the license agent says no. */
final class PageHandler implements HttpHandler {

    private final AppContext ctx;

    PageHandler(AppContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            // Checked per request: the license can lapse between two requests of one connection.
            if (!ctx.permitted()) {
                send(exchange, 503, "text/plain", "suspended: no license\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "method " + method + " not allowed: use GET\n");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "no such page: try /\n");
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", page());
        }
    }

    String page() {
        String line = "www served by chassis " + Html.escape(ctx.chassis()) + " slot " + ctx.slot()
                + " (" + Html.escape(ctx.chassisId()) + ")";
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>www</title></head>\n<body><h1>" + line
                + "</h1>\n<p>address " + Html.escape(ctx.address().getHostAddress()) + "</p></body></html>\n";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
