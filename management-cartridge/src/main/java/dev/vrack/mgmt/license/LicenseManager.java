package dev.vrack.mgmt.license;

import com.google.protobuf.ByteString;
import dev.vrack.common.EventLog;
import dev.vrack.common.TimeSource;
import dev.vrack.license.Denial;
import dev.vrack.license.Determination;
import dev.vrack.license.ExecutionRequest;
import dev.vrack.license.Holder;
import dev.vrack.license.Lease;
import dev.vrack.license.LicenseManagerCore;
import dev.vrack.license.LicenseSnapshot;
import dev.vrack.license.Notice;
import dev.vrack.license.TestFault;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.ContinueExecution;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.Denied;
import dev.vrack.proto.license.Granted;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.Queued;
import dev.vrack.proto.license.Released;
import dev.vrack.proto.license.RequestExecution;
import dev.vrack.proto.license.SeatGranted;
import dev.vrack.proto.license.SuspendNow;
import dev.vrack.proto.license.TerminateExecution;
import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The license manager on the wire: drives {@link LicenseManagerCore} for the agents' sessions, the NAS
 * licenses, the USB key and the clock. Every call into the core happens on one thread (the manager's
 * loop), so the network threads never wait for it; the dongle's key wrapping is asynchronous and its
 * answer goes straight to the agent's connection.
 *
 * <p>The core runs on the monotonic clock ({@link TimeSource#monoNanos()} in milliseconds), and licenses'
 * validity is converted to it at load ({@link MonotonicValidity}), so a step of the wall clock neither expires
 * leases nor extends licenses. Determinations wait until the manager has read the USB key and scanned the NAS
 * once at boot (see {@link BootGate}), so no agent is refused for what the manager has not read yet.
 */
public final class LicenseManager implements AutoCloseable {

    /** The core's tick runs at least this often, and exactly at the next lease deadline when that is sooner. */
    static final long TICK_MS = 250;
    /** How long {@link #close} lets the loop finish what is queued (and write its events). */
    static final long DRAIN_MS = 2_000;

    private final LicenseManagerCore core;
    private final Dongle dongle;
    private final LicenseEvents events;
    private final LicenseMetrics metrics;
    private final TimeSource time;
    private final ScheduledThreadPoolExecutor loop;
    private final AtomicLong nextSession = new AtomicLong(1);
    private volatile boolean closing;
    // Below: touched on the loop only.
    private final BootGate bootGate = new BootGate();
    private final MonotonicValidity validity = new MonotonicValidity();
    private final Map<String, Long> heldRequests = new HashMap<>();
    private final Map<Long, AgentSession> sessions = new HashMap<>();
    private final Map<String, LicenseSnapshot.AppSeats> lastSeats = new HashMap<>();
    private List<LicenseFile> files = List.of();
    private ScheduledFuture<?> deadlineTick;
    private long deadlineTickAt = Long.MAX_VALUE;

    public LicenseManager(LicenseManagerCore core, Dongle dongle, EventLog log, LicenseMetrics metrics, TimeSource time) {
        this.core = core;
        this.dongle = dongle;
        this.events = new LicenseEvents(log);
        this.metrics = metrics;
        this.time = time;
        this.loop = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("license-manager", true));
        // On close, queued operations run (their events are written) but timers do not hold the loop open.
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        loop.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the clock: the core's tick every {@link #TICK_MS}. Says loudly when test faults are on, and
     * bounds the boot hold ({@link BootGate#MAX_HOLD_MS}) so a dongle that never answers cannot hold agents forever.
     */
    public void start() {
        for (TestFault fault : core.faults()) {
            System.err.println("WARN license manager: TEST FAULT " + fault.wireName() + " is ON (VRACK_TEST_FAULTS):"
                    + " this manager is deliberately broken and must never serve a real rack");
            events.testFault(fault.wireName());
        }
        loop.scheduleAtFixedRate(guarded(this::tick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        loop.schedule(guarded(() -> release(bootGate.giveUp())), BootGate.MAX_HOLD_MS, TimeUnit.MILLISECONDS);
    }

    public long ttlMs() {
        return core.policy().ttlMs();
    }

    /** The core's clock: monotonic milliseconds, immune to steps of the wall clock. */
    private long nowMs() {
        return time.monoNanos() / 1_000_000;
    }

    // ---- sessions (called from the network threads) ----

    AgentSession open(Channel channel, AgentHello hello) {
        AgentSession session = new AgentSession(nextSession.getAndIncrement(), channel, hello.getChassis(),
                hello.getChassisId(), hello.getSlot());
        run(() -> sessions.put(session.id(), session));
        return session;
    }

    void requestExecution(AgentSession session, long requestId, RequestExecution request, long receivedNanos) {
        byte[] agentKey = request.getAgentPublicKey().toByteArray();
        run(() -> {
            if (bootGate.open() || !request.getQueueIfBusy()) {
                // Not willing to wait in line: held without an answer until the boot reads are done.
                runWhenBooted(() -> determine(session, requestId, request, agentKey, receivedNanos, false));
                return;
            }
            holdInLine(session, requestId, request, agentKey, receivedNanos);
        });
    }

    /**
     * Before the boot reads are done a request willing to wait is answered Queued at once (the agent measures its
     * lease from its request, so a late answer would cost it lease time) and determined when the gate opens; a
     * grant then reaches it as a SeatGranted push for that request. Only the agent's latest such request counts.
     */
    private void holdInLine(AgentSession session, long requestId, RequestExecution request, byte[] agentKey,
                            long receivedNanos) {
        String key = session.id() + "/" + request.getAppId();
        heldRequests.put(key, requestId);
        int position = heldRequests.size();
        events.queued(session.name(), request.getAppId(), position);
        session.send(ManagerFrame.newBuilder().setRequestId(requestId)
                .setQueued(Queued.newBuilder().setPosition(position)).build());
        bootGate.hold(() -> {
            if (heldRequests.getOrDefault(key, -1L) == requestId) {
                heldRequests.remove(key);
                determine(session, requestId, request, agentKey, receivedNanos, true);
            }
        });
    }

    /** FIG. 35-36 for one request; {@code alreadyQueued}: the agent was told Queued, so a grant is pushed. */
    private void determine(AgentSession session, long requestId, RequestExecution request, byte[] agentKey,
                           long receivedNanos, boolean alreadyQueued) {
        if (!session.isOpen()) {
            return;
        }
        Holder holder = session.holder();
        events.requested(session.name(), request.getAppId(), request.getChassisId());
        Determination answer = core.requestExecution(new ExecutionRequest(holder, request.getAppId(),
                request.getChassisId(), request.getQueueIfBusy(),
                new Waiter(session, requestId, agentKey, receivedNanos)), nowMs());
        if (answer instanceof Determination.Granted granted) {
            events.granted(session.name(), granted.lease(), ttlMs(), alreadyQueued);
            deliverKey(session, requestId, granted.lease(), agentKey, alreadyQueued, receivedNanos);
            scheduleDeadlineTick();
        } else if (answer instanceof Determination.Queued queued) {
            events.queued(session.name(), request.getAppId(), queued.position());
            if (!alreadyQueued) {
                session.send(ManagerFrame.newBuilder().setRequestId(requestId)
                        .setQueued(Queued.newBuilder().setPosition(queued.position())).build());
            }
        } else if (answer instanceof Determination.Denied denied) {
            deny(session, requestId, request.getAppId(), denied);
        }
        publishSeats();
    }

    void continueExecution(AgentSession session, long requestId, ContinueExecution request) {
        // Not held at boot: before the gate opens no lease exists, and UNKNOWN_LEASE at once beats a late answer.
        run(() -> {
            Determination answer = core.continueExecution(request.getLeaseId(), session.holder(), request.getChassisId(),
                    nowMs());
            if (answer instanceof Determination.Granted granted) {
                events.renewed(session.name(), granted.lease());
                session.send(ManagerFrame.newBuilder().setRequestId(requestId).setGranted(Granted.newBuilder()
                        .setLeaseId(granted.lease().leaseId()).setTtlMs(ttlMs())).build());
            } else if (answer instanceof Determination.Denied denied) {
                deny(session, requestId, appOfLease(request.getLeaseId()), denied);
            }
        });
    }

    void terminate(AgentSession session, long requestId, TerminateExecution request) {
        run(() -> {
            handle(core.terminate(request.getLeaseId(), session.holder(), nowMs()));
            session.send(ManagerFrame.newBuilder().setRequestId(requestId)
                    .setReleased(Released.newBuilder().setLeaseId(request.getLeaseId())).build());
            publishSeats();
        });
    }

    /** The connection ended. Closed by the agent: its process is gone, its seats come back at once. */
    void closed(AgentSession session) {
        run(() -> {
            // A connection the manager closes on its way down says nothing about the holder: no reclaim.
            if (!session.closedByManager() && !closing) {
                handle(core.sessionClosed(session.id(), nowMs()));
                publishSeats();
            }
            sessions.remove(session.id());
        });
    }

    // ---- licenses and key ----

    /** The NAS watcher's current licenses. */
    public void licensesLoaded(List<LicenseFile> loaded) {
        run(() -> {
            long wallNow = time.now().toEpochMilli();
            long monoNow = nowMs();
            files = loaded.stream().map(f -> new LicenseFile(f.name(), f.sealed(),
                    validity.convert(f.license(), wallNow, monoNow))).toList();
            handle(core.loadLicenses(files.stream().map(LicenseFile::license).toList(), monoNow));
            publishSeats();
            release(bootGate.nasScanned());
        });
    }

    public void keyAttached(String keyId, String keyChassisId) {
        run(() -> {
            events.usbChanged(true, keyId, keyChassisId);
            handle(core.keyAttached(keyChassisId, nowMs()));
            publishSeats();
            release(bootGate.keyRead());
        });
    }

    public void keyDetached() {
        run(() -> {
            events.usbChanged(false, "", "");
            core.keyDetached(nowMs());
            release(bootGate.keyRead());
        });
    }

    /** The USB key could not be read at boot: the manager goes on as without a key (determinations say NO_KEY). */
    public void keyUnreadable() {
        run(() -> release(bootGate.keyRead()));
    }

    /** Whether the boot reads are done and determinations are made (for tests and status). */
    public CompletableFuture<Boolean> booted() {
        return call(bootGate::open);
    }

    // ---- administration ----

    /** Every application's seats and their holders ({@code A/3}), for {@code GET /licenses}. */
    public CompletableFuture<List<AppView>> view() {
        return call(() -> {
            LicenseSnapshot snapshot = core.snapshot(nowMs());
            List<AppView> apps = new ArrayList<>();
            for (LicenseSnapshot.AppSeats seats : snapshot.apps()) {
                List<String> holders = snapshot.leases().stream().filter(l -> l.appId().equals(seats.app()))
                        .map(l -> holderName(l.holder())).sorted().toList();
                apps.add(new AppView(seats.app(), seats.count(), seats.inUse(), seats.waiting(), holders));
            }
            return apps;
        });
    }

    /**
     * Frees the seats held by a slot ({@code chassis} is its chassis name, or ID): tells the holder to
     * suspend (SuspendNow, written to its connection) and then frees the seats. Completes with the leases
     * freed, empty when the slot held none.
     */
    public CompletableFuture<List<Lease>> adminRelease(String chassis, int slot) {
        CompletableFuture<List<Lease>> done = new CompletableFuture<>();
        run(() -> {
            List<Lease> held = core.snapshot(nowMs()).leases().stream()
                    .filter(l -> l.holder().slot() == slot && (l.holder().chassisId().equals(chassis)
                            || chassis.equals(Optional.ofNullable(sessions.get(l.holder().session()))
                            .map(AgentSession::chassisName).orElse(null))))
                    .toList();
            if (held.isEmpty()) {
                done.complete(List.of());
                return;
            }
            List<CompletableFuture<Void>> told = new ArrayList<>();
            for (Lease lease : held) {
                AgentSession session = sessions.get(lease.holder().session());
                if (session != null && session.isOpen()) {
                    CompletableFuture<Void> written = new CompletableFuture<>();
                    session.send(ManagerFrame.newBuilder().setSuspendNow(SuspendNow.newBuilder()
                                    .setLeaseId(lease.leaseId()).setReason("an administrator released the seat"))
                                    .build())
                            .addListener(f -> written.complete(null));
                    told.add(written);
                }
            }
            CompletableFuture.allOf(told.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ok, error) -> run(() -> {
                        Set<String> chassisIds = new LinkedHashSet<>();
                        held.forEach(l -> chassisIds.add(l.holder().chassisId()));
                        for (String chassisId : chassisIds) {
                            handle(core.adminRelease(chassisId, slot, nowMs()));
                        }
                        publishSeats();
                        done.complete(held);
                    }));
        });
        return done;
    }

    /** One application as {@code GET /licenses} shows it. */
    public record AppView(String app, int count, int inUse, int waiting, List<String> holders) {
    }

    /** Runs the core's tick now, on the loop (tests: a tick has run once this completes). */
    CompletableFuture<Void> tickNow() {
        return call(() -> {
            tick();
            return null;
        });
    }

    // ---- on the loop ----

    private void tick() {
        List<Notice> notices = core.tick(nowMs());
        if (!notices.isEmpty()) {
            handle(notices);
            publishSeats();
        }
        scheduleDeadlineTick();
    }

    /** Runs the tick exactly at the next lease deadline when that comes before the next regular tick. */
    private void scheduleDeadlineTick() {
        long deadline = core.nextDeadlineMs();
        if (deadline == Long.MAX_VALUE || loop.isShutdown()) {
            return;
        }
        long delay = Math.max(0, deadline - nowMs());
        boolean pending = deadlineTick != null && !deadlineTick.isDone();
        if (delay < TICK_MS && (!pending || deadline < deadlineTickAt)) {
            if (pending) {
                deadlineTick.cancel(false);
            }
            deadlineTickAt = deadline;
            deadlineTick = loop.schedule(guarded(this::tick), delay + 1, TimeUnit.MILLISECONDS);
        }
    }

    private void handle(List<Notice> notices) {
        for (Notice notice : notices) {
            if (notice instanceof Notice.SeatGranted granted) {
                Waiter waiter = (Waiter) granted.ticket();
                events.granted(waiter.session().name(), granted.lease(), ttlMs(), true);
                deliverKey(waiter.session(), waiter.requestId(), granted.lease(), waiter.agentPublicKey(), true,
                        System.nanoTime());
                scheduleDeadlineTick();
            } else if (notice instanceof Notice.WaitDenied denied) {
                Waiter waiter = (Waiter) denied.request().ticket();
                // The waiting request gets its (second, final) answer under its own request ID.
                deny(waiter.session(), waiter.requestId(), denied.request().appId(), denied.denial());
            } else if (notice instanceof Notice.SeatReclaimed reclaimed) {
                events.reclaimed(holderName(reclaimed.lease().holder()), reclaimed.lease(), reclaimed.reason());
                metrics.reclaimed(reclaimed.reason());
            }
        }
    }

    /**
     * Has the dongle wrap the application key for the agent and sends the grant with it: the answer to
     * the request, or a SeatGranted push for a waiter. A seat whose key cannot be delivered is given back.
     */
    private void deliverKey(AgentSession session, long requestId, Lease lease, byte[] agentKey, boolean pushed,
                            long startNanos) {
        Optional<LicenseFile> file = licenseFileFor(lease);
        if (file.isEmpty()) {
            giveBack(session, requestId, lease, new DongleException(ErrorCode.LICENSE_REFUSED,
                    "no license file of " + lease.appId() + " is loaded any more"));
            return;
        }
        dongle.wrapKey(file.get().sealed(), agentKey).whenComplete((wrapped, error) -> {
            if (error != null) {
                run(() -> giveBack(session, requestId, lease, DongleException.of(error)));
                return;
            }
            if (!session.isOpen()) {
                // Nobody got the key, so nobody runs: the seat goes on to the next in line.
                run(() -> {
                    handle(core.terminate(lease.leaseId(), lease.holder(), nowMs()));
                    publishSeats();
                });
                return;
            }
            ManagerFrame frame = pushed
                    ? ManagerFrame.newBuilder().setSeatGranted(SeatGranted.newBuilder().setForRequestId(requestId)
                    .setLeaseId(lease.leaseId()).setTtlMs(ttlMs()).setWrappedKey(ByteString.copyFrom(wrapped))).build()
                    : ManagerFrame.newBuilder().setRequestId(requestId).setGranted(Granted.newBuilder()
                    .setLeaseId(lease.leaseId()).setTtlMs(ttlMs()).setWrappedKey(ByteString.copyFrom(wrapped))).build();
            session.send(frame);
            metrics.granted(System.nanoTime() - startNanos, pushed);
        });
    }

    private void giveBack(AgentSession session, long requestId, Lease lease, DongleException why) {
        handle(core.terminate(lease.leaseId(), lease.holder(), nowMs()));
        Denial reason = why.code() == ErrorCode.NO_MEDIUM ? Denial.NO_KEY : Denial.NO_LICENSE;
        deny(session, requestId, lease.appId(), new Determination.Denied(reason,
                "the dongle would not wrap the application key: " + why.getMessage()));
        publishSeats();
    }

    /** A license of the lease's application valid now, preferring one that lists the holder's chassis. */
    private Optional<LicenseFile> licenseFileFor(Lease lease) {
        long now = nowMs();
        return files.stream()
                .filter(f -> f.license().appId().equals(lease.appId()) && f.license().validAt(now))
                .min(Comparator.comparing(f -> !f.license().lists(lease.holder().chassisId())));
    }

    private void deny(AgentSession session, long requestId, String app, Determination.Denied denied) {
        String message = denied.detail().isEmpty() ? denied.reason().text()
                : denied.reason().text() + " (" + denied.detail() + ")";
        events.denied(session.name(), app, denied.reason(), message);
        session.send(ManagerFrame.newBuilder().setRequestId(requestId).setDenied(Denied.newBuilder()
                .setCode(DenialCode.valueOf(denied.reason().name())).setMessage(message)).build());
    }

    private String appOfLease(long leaseId) {
        return core.snapshot(nowMs()).leases().stream().filter(l -> l.leaseId() == leaseId).map(Lease::appId)
                .findFirst().orElse("");
    }

    /** Writes {@code license.seats} (and updates the gauges) for every application whose seats changed. */
    private void publishSeats() {
        for (LicenseSnapshot.AppSeats seats : core.snapshot(nowMs()).apps()) {
            if (!seats.equals(lastSeats.put(seats.app(), seats))) {
                events.seats(seats);
                metrics.seats(seats);
            }
        }
    }

    private String holderName(Holder holder) {
        AgentSession session = sessions.get(holder.session());
        return session != null ? session.name() : holder.chassisId() + "/" + holder.slot();
    }

    /** Runs a determination now, or holds it (in arrival order) until the boot reads are done. On the loop. */
    private void runWhenBooted(Runnable determination) {
        if (!bootGate.hold(determination)) {
            determination.run();
        }
    }

    /** Runs the determinations the gate let go, in the order they arrived (on the loop). */
    private void release(List<Runnable> held) {
        held.forEach(task -> guarded(task).run());
    }

    private void run(Runnable task) {
        try {
            loop.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // Shutting down: nothing is decided any more.
        }
    }

    private <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        run(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A bug in one operation must not stop the loop every agent depends on.
                System.err.println("license manager: an operation failed: " + e);
                e.printStackTrace();
            }
        };
    }

    /**
     * The manager is going down: from now on a closing connection is not its holder's death (the manager's
     * own server closes them), so it reclaims nothing. Call before closing the license server.
     */
    public void beginClose() {
        closing = true;
    }

    /**
     * Lets the loop finish what is already queued (releases, reclaims: their events are written), for at most
     * {@link #DRAIN_MS}, then stops it. Timers still pending do not run.
     */
    @Override
    public void close() {
        closing = true;
        loop.shutdown();
        try {
            if (!loop.awaitTermination(DRAIN_MS, TimeUnit.MILLISECONDS)) {
                System.err.println("license manager: the loop did not drain within " + DRAIN_MS + " ms; stopping it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
    }
}
