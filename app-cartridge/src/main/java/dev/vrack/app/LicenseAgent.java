package dev.vrack.app;

import com.google.protobuf.ByteString;
import dev.vrack.agent.AgentAction;
import dev.vrack.agent.AgentCore;
import dev.vrack.agent.AgentState;
import dev.vrack.common.EventLog;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.ContinueExecution;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.RequestExecution;
import dev.vrack.proto.license.TerminateExecution;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The license management agent at run time: one scheduler thread drives the pure {@link AgentCore} (ticks at
 * its {@code nextWakeupMs}, answers and pushes from the {@link LicenseClient}) and carries out its actions on
 * the wire and on the {@link ApplicationRuntime}. A fresh X25519 key pair per request; the application key is
 * unwrapped in memory only.
 */
public final class LicenseAgent implements LicenseClient.Listener, AutoCloseable {

    /** What a frame was sent for, to understand its answer. */
    private sealed interface Sent {
        record Request(AgentKeyPair keys) implements Sent {
        }

        record Renewal(long lease) implements Sent {
        }

        record Release(long lease, CompletableFuture<Void> done) implements Sent {
        }
    }

    private final AgentCore core;
    private final String chassisId;
    private final EventLog events;
    private final LongSupplier monoMs;
    private final BiConsumer<AgentState, String> stateChanged;
    private final ScheduledExecutorService thread;

    // Scheduler-thread state.
    private LicenseClient client;
    private ApplicationRuntime application;
    private final Map<Long, AgentKeyPair> waitingRequests = new HashMap<>();
    private ApplicationDecryptionKey key;
    private ScheduledFuture<?> wakeup;
    private AgentState reportedState;
    private String reportedReason = "";
    private CompletableFuture<Void> released;

    /**
     * @param monoMs       monotonic milliseconds (the core's clock)
     * @param stateChanged told on every change of the agent's state, with the reason (for the slot's status)
     */
    public LicenseAgent(AgentCore core, String chassisId, EventLog events, LongSupplier monoMs,
                        BiConsumer<AgentState, String> stateChanged) {
        this.core = core;
        this.chassisId = chassisId;
        this.events = events;
        this.monoMs = monoMs;
        this.stateChanged = stateChanged;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "license-agent");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects the agent to its transport and its application; call once before {@link #start}. */
    public void attach(LicenseClient licenseClient, ApplicationRuntime runtime) {
        this.client = licenseClient;
        this.application = runtime;
    }

    /** The application start request (FIG. 31): ask for a seat, and keep asking. */
    public void start() {
        onThread(() -> {
            client.start();
            carryOut(call(() -> core.start(now())));
        });
    }

    /** May the application do anything at this instant? Safe from any thread. */
    public boolean permitted() {
        synchronized (core) {
            return core.permitted(now());
        }
    }

    /** The agent's state now. */
    public AgentState state() {
        synchronized (core) {
            return core.state();
        }
    }

    /** The application failed to start: report its end (FIG. 33) so its seat is freed. */
    public void applicationFailed(String reason) {
        onThread(() -> carryOut(call(() -> core.applicationEnded(now()))));
    }

    /**
     * Graceful stop: stop the application, TerminateExecution and wait (at most {@code timeoutMs}) for the
     * manager's Released, then close the connection.
     */
    public void stop(String reason, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        CompletableFuture<CompletableFuture<Void>> releasing = new CompletableFuture<>();
        onThread(() -> {
            boolean wasRunning = state() == AgentState.RUNNING;
            released = new CompletableFuture<>();
            List<AgentAction> actions = call(() -> core.applicationEnded(now()));
            application.stop(reason, wasRunning, Math.max(100, timeoutMs / 2));
            carryOut(actions);
            if (actions.stream().noneMatch(a -> a instanceof AgentAction.ReleaseLease)) {
                released.complete(null);
            }
            releasing.complete(released);
        });
        try {
            releasing.get(left(deadline), TimeUnit.MILLISECONDS).get(left(deadline), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.err.println("license agent: no Released from the license manager before the stop deadline ("
                    + e + "); the manager reclaims the seat when the connection closes");
        }
        close();
    }

    private static long left(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** Drops everything without a goodbye (power cut) or after {@link #stop}. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        if (client != null) {
            client.close();
        }
        onThread(() -> {
            waitingRequests.values().forEach(AgentKeyPair::close);
            waitingRequests.clear();
            if (key != null) {
                key.destroy();
                key = null;
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (application != null) {
            application.close();
        }
    }

    // ---- from the license client (its event loop): hop onto the agent thread ----

    @Override
    public void answered(ManagerFrame frame, Object tag) {
        onThread(() -> onAnswer(frame, tag));
    }

    @Override
    public void pushed(ManagerFrame frame) {
        onThread(() -> onPush(frame));
    }

    @Override
    public void offline(String reason) {
        onThread(() -> {
            waitingRequests.values().forEach(AgentKeyPair::close);
            waitingRequests.clear();
            if (released != null) {
                released.complete(null);
            }
            carryOut(call(() -> core.communicationFailed(reason, now())));
        });
    }

    // ---- on the agent thread ----

    private void onAnswer(ManagerFrame frame, Object tag) {
        if (tag == null) {
            forgottenAnswer(frame);
            return;
        }
        switch (frame.getBodyCase()) {
            case GRANTED -> {
                var granted = frame.getGranted();
                if (tag instanceof Sent.Request request) {
                    grantedWithKey(request.keys(), granted.getLeaseId(), granted.getTtlMs(),
                            granted.getWrappedKey(), false);
                } else if (tag instanceof Sent.Renewal) {
                    carryOut(call(() -> core.renewed(granted.getTtlMs(), now())));
                }
            }
            case QUEUED -> {
                if (tag instanceof Sent.Request request) {
                    // Kept: the seat may be pushed later with the key wrapped for this very key pair.
                    waitingRequests.put(frame.getRequestId(), request.keys());
                    carryOut(call(() -> core.queued(frame.getQueued().getPosition(), now())));
                }
            }
            case DENIED -> {
                if (tag instanceof Sent.Request request) {
                    request.keys().close();
                }
                var denied = frame.getDenied();
                boolean unknown = denied.getCode() == DenialCode.UNKNOWN_LEASE;
                String reason = "denied: " + denied.getCode() + (denied.getMessage().isEmpty() ? ""
                        : " (" + denied.getMessage() + ")");
                if (tag instanceof Sent.Release release) {
                    release.done().complete(null);
                    return;
                }
                carryOut(call(() -> core.denied(reason, unknown, now())));
            }
            case RELEASED -> {
                if (tag instanceof Sent.Release release) {
                    release.done().complete(null);
                }
            }
            case ERROR -> {
                if (tag instanceof Sent.Request request) {
                    request.keys().close();
                }
                String reason = "the license manager refused a frame: " + frame.getError().getCode() + " "
                        + frame.getError().getMessage();
                System.err.println("license agent: " + reason);
                carryOut(call(() -> core.communicationFailed(reason, now())));
            }
            default -> System.err.println("license agent: ignoring an unexpected answer " + frame.getBodyCase());
        }
    }

    /** An answer to a request given up (sent before the link went down): never let a seat it granted leak. */
    private void forgottenAnswer(ManagerFrame frame) {
        if (frame.hasError()) {
            // Most likely the answer to our Hello (e.g. an unsupported version): say it, the manager closes.
            System.err.println("license agent: the license manager refused: " + frame.getError().getCode() + " "
                    + frame.getError().getMessage());
        }
        if (frame.hasGranted() && frame.getGranted().getLeaseId() != currentLease()) {
            client.send(AgentFrame.newBuilder().setTerminateExecution(
                    TerminateExecution.newBuilder().setLeaseId(frame.getGranted().getLeaseId())), null);
        }
    }

    private void onPush(ManagerFrame frame) {
        switch (frame.getBodyCase()) {
            case SEAT_GRANTED -> {
                var seat = frame.getSeatGranted();
                AgentKeyPair keys = waitingRequests.remove(seat.getForRequestId());
                if (keys == null) {
                    // A seat for a request we no longer wait on: give it straight back.
                    client.send(AgentFrame.newBuilder().setTerminateExecution(
                            TerminateExecution.newBuilder().setLeaseId(seat.getLeaseId())), null);
                    return;
                }
                grantedWithKey(keys, seat.getLeaseId(), seat.getTtlMs(), seat.getWrappedKey(), true);
            }
            case SUSPEND_NOW -> {
                var suspend = frame.getSuspendNow();
                if (suspend.getLeaseId() == currentLease()) {
                    String reason = "suspended by the license manager: "
                            + (suspend.getReason().isEmpty() ? "seat freed by an administrator" : suspend.getReason());
                    carryOut(call(() -> core.denied(reason, true, now())));
                }
            }
            default -> System.err.println("license agent: ignoring an unexpected push " + frame.getBodyCase());
        }
    }

    private void grantedWithKey(AgentKeyPair keys, long lease, long ttlMs, ByteString wrapped, boolean pushed) {
        try (keys) {
            ApplicationDecryptionKey unwrapped = keys.unwrap(wrapped.toByteArray(), core.appId());
            key = unwrapped;
        } catch (SealedFormatException | RuntimeException e) {
            // A seat we cannot use must not stay taken.
            client.send(AgentFrame.newBuilder().setTerminateExecution(
                    TerminateExecution.newBuilder().setLeaseId(lease)), null);
            String reason = "the granted application key cannot be unwrapped: " + e.getMessage();
            carryOut(call(() -> core.denied(reason, true, now())));
            return;
        }
        carryOut(call(() -> core.granted(lease, ttlMs, pushed, now())));
    }

    private void carryOut(List<AgentAction> actions) {
        for (AgentAction action : actions) {
            if (action instanceof AgentAction.RequestExecution request) {
                AgentKeyPair keys = AgentKeyPair.generate();
                client.send(AgentFrame.newBuilder().setRequestExecution(RequestExecution.newBuilder()
                        .setAppId(request.appId()).setChassisId(request.chassisId())
                        .setAgentPublicKey(ByteString.copyFrom(keys.publicKey())).setQueueIfBusy(true)),
                        new Sent.Request(keys));
            } else if (action instanceof AgentAction.RenewLease renew) {
                client.send(AgentFrame.newBuilder().setContinueExecution(ContinueExecution.newBuilder()
                        .setLeaseId(renew.leaseId()).setChassisId(chassisId)), new Sent.Renewal(renew.leaseId()));
            } else if (action instanceof AgentAction.ReleaseLease release) {
                client.send(AgentFrame.newBuilder().setTerminateExecution(TerminateExecution.newBuilder()
                        .setLeaseId(release.leaseId())), new Sent.Release(release.leaseId(),
                        released == null ? new CompletableFuture<>() : released));
            } else if (action instanceof AgentAction.StartApplication) {
                application.start(key, currentLease());
            } else if (action instanceof AgentAction.SuspendApplication suspend) {
                // The lease it ran under: by now the core may have dropped it to request anew.
                // The agent's clock is CLOCK_MONOTONIC in ms: the event's mono clock, coarser.
                application.suspend(suspend.reason(), suspend.leaseId(), suspend.permittedUntilMs() * 1_000_000);
            }
            // NotPermitted: the agent.state event written below says it, with the reason.
        }
        reportState();
        reschedule();
    }

    private void reportState() {
        AgentState state;
        String reason;
        synchronized (core) {
            state = core.state();
            reason = core.lastReason();
        }
        if (state == reportedState && reason.equals(reportedReason)) {
            return;
        }
        if (state == AgentState.REQUESTING && reportedState == AgentState.WAITING) {
            // A waiter re-sending its request (the fixed-interval retry) is still in line: no flicker in the
            // status, no pair of events every retry interval.
            return;
        }
        boolean stateChangedNow = state != reportedState;
        reportedState = state;
        reportedReason = reason;
        if (!stateChangedNow) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", core.appId());
        details.put("state", state.name().toLowerCase(Locale.ROOT));
        details.put("reason", reason);
        events.emit("agent.state", details);
        stateChanged.accept(state, reason);
    }

    private void reschedule() {
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long next;
        synchronized (core) {
            next = core.nextWakeupMs();
        }
        if (next == Long.MAX_VALUE || thread.isShutdown()) {
            return;
        }
        long delay = Math.max(0, next - now());
        wakeup = thread.schedule(() -> safely(() -> carryOut(call(() -> core.tick(now())))), delay,
                TimeUnit.MILLISECONDS);
    }

    private long currentLease() {
        synchronized (core) {
            return core.leaseId();
        }
    }

    private List<AgentAction> call(java.util.function.Supplier<List<AgentAction>> step) {
        synchronized (core) {
            return step.get();
        }
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(() -> safely(task));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The agent stopped: late frames and ticks have nowhere to go.
        }
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // One bad frame must not kill the agent's only thread.
            System.err.println("license agent: " + e);
            e.printStackTrace();
        }
    }

    private long now() {
        return monoMs.getAsLong();
    }
}
