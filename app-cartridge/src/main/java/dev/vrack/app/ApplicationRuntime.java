package dev.vrack.app;

import dev.vrack.appapi.AppContext;
import dev.vrack.appapi.InMemoryClassLoader;
import dev.vrack.appapi.RackApplication;
import dev.vrack.appapi.RackApplications;
import dev.vrack.common.EventLog;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.OpenedBundle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the card's application in memory (FIG. 31 S106-S107, FIG. 32): opens the encrypted bundle with the
 * unwrapped key (only the files named in its encryption information are encrypted), defines its classes with
 * an {@link InMemoryClassLoader} and starts it; on suspension stops it and wipes the decrypted bytes. Nothing
 * decrypted is ever written to disk.
 *
 * <p>The events are written at once by the caller's thread (the agent's), so that {@code app.started} comes
 * before the application can serve and {@code app.suspended} no later than it stops being permitted (a process
 * frozen past that instant writes it on waking, with {@code permittedUntilMono} saying when permission ended); the
 * decryption and the application's own start and stop run on one application thread, in order.
 */
public final class ApplicationRuntime implements AutoCloseable {

    private final String appId;
    private final byte[] bundle;
    private final String bundleName;
    private final AppContext context;
    private final EventLog events;
    private final Consumer<String> failed;
    private final ExecutorService worker;

    // Touched only on the worker thread.
    private RackApplication running;

    /**
     * @param bundle  the card's encrypted application bundle (VRAPPB bytes)
     * @param failed  told (on the application thread) when the application could not start, with the reason
     */
    public ApplicationRuntime(String appId, byte[] bundle, String bundleName, AppContext context, EventLog events,
                              Consumer<String> failed) {
        this.appId = appId;
        this.bundle = bundle;
        this.bundleName = bundleName;
        this.context = context;
        this.events = events;
        this.failed = failed;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "application-" + appId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Decrypts, loads and starts the application under {@code lease}. */
    public void start(ApplicationDecryptionKey key, long lease) {
        events.emit("app.started", details("lease", lease));
        submit(() -> startNow(key, lease));
    }

    /** Stops the application because its right to run was lost; {@code reason} is never empty. */
    public void suspend(String reason, long lease) {
        suspend(reason, lease, Long.MIN_VALUE);
    }

    /**
     * As {@link #suspend(String, long)}, also recording when the agent stopped permitting the application
     * ({@code permittedUntilMono}, CLOCK_MONOTONIC nanoseconds like every event's {@code mono}), so that the
     * checker ends the instance there even when the event is written later (the process was frozen).
     */
    public void suspend(String reason, long lease, long permittedUntilMono) {
        Map<String, Object> details = details("lease", lease);
        details.put("reason", reason == null || reason.isBlank() ? "license no longer confirmed" : reason);
        if (permittedUntilMono != Long.MIN_VALUE) {
            details.put("permittedUntilMono", permittedUntilMono);
        }
        events.emit("app.suspended", details);
        submit(this::stopNow);
    }

    /** Stops the application for good (the cartridge stops); waits up to {@code timeoutMs} for it. */
    public synchronized void stop(String reason, boolean wasRunning, long timeoutMs) {
        if (worker.isShutdown()) {
            return;
        }
        if (wasRunning) {
            events.emit("app.stopped", details("reason", reason));
        }
        worker.execute(this::stopNow);
        worker.shutdown();
        try {
            worker.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop("cartridge closed", false, 1000);
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The cartridge is stopping: the application does not start again.
        }
    }

    private void startNow(ApplicationDecryptionKey key, long lease) {
        if (running != null) {
            return;
        }
        Map<String, byte[]> entries = new HashMap<>();
        RackApplication application = null;
        try (OpenedBundle opened = EncryptedBundle.open(bundle, bundleName, key)) {
            if (!opened.applicationId().equals(appId)) {
                throw new IllegalStateException("the card's bundle carries application " + opened.applicationId()
                        + ", not " + appId + ": write the card again");
            }
            for (String path : opened.paths()) {
                entries.put(path, opened.read(path));
            }
            application = RackApplications.load(entries, RackApplication.class.getClassLoader());
            application.start(context);
            running = application;
        } catch (Exception | LinkageError e) {
            if (application != null) {
                closeLoader(application);
            } else {
                entries.values().forEach(bytes -> java.util.Arrays.fill(bytes, (byte) 0));
            }
            String reason = "the application could not start: " + describe(e);
            events.emit("app.stopped", details("reason", reason));
            failed.accept(reason);
        }
    }

    private void stopNow() {
        RackApplication application = running;
        running = null;
        if (application == null) {
            return;
        }
        try {
            application.stop();
        } catch (RuntimeException e) {
            System.err.println("application " + appId + ": stop failed: " + describe(e));
        }
        closeLoader(application);
    }

    /** Wipes the decrypted entries the loader holds; the classes become unreachable with the application. */
    private static void closeLoader(RackApplication application) {
        if (application.getClass().getClassLoader() instanceof InMemoryClassLoader loader) {
            loader.close();
        }
    }

    private Map<String, Object> details(String key, Object value) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", appId);
        details.put(key, value);
        return details;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
