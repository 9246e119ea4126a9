package dev.vrack.samples.www;

import com.sun.net.httpserver.HttpServer;
import dev.vrack.appapi.AppContext;
import dev.vrack.appapi.RackApplication;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The www sample: serves a page on the cartridge's address, port 8080, saying which chassis and slot serve it. */
public final class WwwApplication implements RackApplication {

    /** The port www listens on (each cartridge has its own address, so every cartridge uses the same port). */
    public static final int PORT = 8080;

    private HttpServer server;
    private ExecutorService workers;

    @Override
    public synchronized void start(AppContext ctx) throws Exception {
        if (server != null) {
            throw new IllegalStateException("www is already started");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(ctx.address(), PORT), 16);
        // Daemon workers: a stuck client must never keep a cartridge process alive.
        ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "www-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(pool);
        http.createContext("/", new PageHandler(ctx));
        http.start();
        server = http;
        workers = pool;
        ctx.event("www.listening", Map.of("address", ctx.address().getHostAddress(), "port", PORT));
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        // Delay 0: close the listening socket now; in-flight exchanges are cut, as a suspended server should.
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        workers = null;
    }
}
