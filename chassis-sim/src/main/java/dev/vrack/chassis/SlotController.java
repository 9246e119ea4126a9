package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import dev.vrack.chassis.backplane.BackplaneServer;
import dev.vrack.common.EventLog;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.ProcessRecord;
import dev.vrack.common.StateLayout;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.StopRequest;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hands-on operations on slots: insert, pull (hard or graceful), power, and what happens when
 * a cartridge process exits. Operations on one slot run one at a time (a per-slot lock); the
 * slots themselves are independent.
 */
public final class SlotController implements ExitListener {

    /** How long past its deadline a stop may take before the chassis reports a stuck process. */
    private static final long EXIT_GRACE_MS = 10_000;

    private final String chassis;
    private final List<Slot> slots;
    private final List<ReentrantLock> locks = new ArrayList<>();
    private final EventLog events;
    private final PowerSupply power;
    private final ScheduledExecutorService timers;
    private final long defaultGracefulMs;
    private volatile BackplaneServer backplane;
    private volatile CartridgeSupervisor supervisor;

    public SlotController(String chassis, List<Slot> slots, EventLog events, PowerSupply power,
                          ScheduledExecutorService timers, long defaultGracefulMs) {
        this.chassis = chassis;
        this.slots = List.copyOf(slots);
        this.events = events;
        this.power = power;
        this.timers = timers;
        this.defaultGracefulMs = defaultGracefulMs;
        slots.forEach(s -> locks.add(new ReentrantLock()));
    }

    /** Connects the parts built after this one (they need it as their listener). */
    void attach(BackplaneServer backplaneServer, CartridgeSupervisor cartridgeSupervisor) {
        this.backplane = backplaneServer;
        this.supervisor = cartridgeSupervisor;
    }

    public int slotCount() {
        return slots.size();
    }

    /** The slot numbered {@code n}, or a NOT_FOUND refusal naming the valid range. */
    public Slot slot(int n) {
        if (n < 0 || n >= slots.size()) {
            throw new ChassisException(Reason.NOT_FOUND, "slot " + n + " does not exist; chassis " + chassis
                    + " has slots 0.." + (slots.size() - 1), "rack status lists the slots of every chassis");
        }
        return slots.get(n);
    }

    private String source(int n) {
        return StateLayout.slotSource(chassis, n);
    }

    /**
     * Seats the card image {@code card} in slot {@code n}; its kind comes from the card.
     *
     * @param expectedKind when present, the card must be of this kind
     */
    public SlotSnapshot insert(int n, Path card, Optional<String> expectedKind, boolean powerOn) {
        Slot s = slot(n);
        ReentrantLock lock = locks.get(n);
        lock.lock();
        try {
            if (s.state() != SlotState.EMPTY) {
                s.insert(card, "");  // throws the "occupied" refusal with its hint
            }
            if (!card.isAbsolute()) {
                throw new ChassisException(Reason.BAD_REQUEST, "card path '" + card + "' is not absolute",
                        "give the absolute path of a memory card image, e.g. " + "<state>/cards/" + chassis + "-" + n
                                + ".card");
            }
            MemoryCard memoryCard;
            try {
                memoryCard = MemoryCardFile.read(card);
            } catch (IOException e) {
                throw new ChassisException(Reason.BAD_REQUEST, e.getMessage(),
                        "give the path of a memory card image, such as the ones under cards/ in the rack's state folder");
            }
            String kind = memoryCard.getKind();
            if (expectedKind.isPresent() && !expectedKind.get().equals(kind)) {
                throw new ChassisException(Reason.BAD_REQUEST, "card " + card + " is a " + kind + " card, not "
                        + expectedKind.get(), "leave out \"kind\" (the card says what it is) or pick a " + expectedKind.get()
                        + " card");
            }
            s.insert(card, kind);
            events.emitFrom(source(n), "slot.inserted", Map.of("card", card.toString(), "kind", kind));
            if (powerOn) {
                powerOn(n, s);
            }
            return s.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** Turns slot {@code n} on or off. Off is a power cut; a slot already in the asked state is left alone. */
    public SlotSnapshot power(int n, boolean on) {
        Slot s = slot(n);
        ReentrantLock lock = locks.get(n);
        lock.lock();
        try {
            SlotState state = s.state();
            if (on) {
                if (!state.isPowered()) {
                    powerOn(n, s);
                }
            } else if (state == SlotState.EMPTY) {
                throw new ChassisException(Reason.CONFLICT, "slot " + n + " of chassis " + chassis
                        + " is empty: there is nothing to power off", "rack status shows which slots hold cartridges");
            } else if (state.isPowered()) {
                await(n, stop(n, false, 0, "power off"), 0);
            } else if (state == SlotState.CRASHED) {
                long pid = s.snapshot().pid().orElse(-1);
                s.clearCrash();
                events.emitFrom(source(n), "slot.powered", Map.of("on", false, "pid", pid));
            }
            return s.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the cartridge out of slot {@code n}. Hard: the power is cut at once. Graceful: the
     * cartridge gets a StopRequest and {@code timeoutMs} (0 = the rack's default) to exit, then the
     * power is cut anyway.
     */
    public SlotSnapshot pull(int n, boolean graceful, long timeoutMs) {
        Slot s = slot(n);
        ReentrantLock lock = locks.get(n);
        lock.lock();
        try {
            boolean forced = false;
            if (s.state().isPowered()) {
                long timeout = timeoutMs > 0 ? timeoutMs : defaultGracefulMs;
                forced = await(n, stop(n, graceful, timeout, "pulled from the slot"), graceful ? timeout : 0);
            }
            SlotSnapshot removed = s.remove();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("card", removed.card().map(Path::toString).orElse(""));
            details.put("kind", removed.kind().orElse(""));
            details.put("mode", graceful ? "graceful" : "hard");
            details.put("forced", forced);
            events.emitFrom(source(n), "slot.removed", details);
            return s.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every running cartridge gracefully, all at once, and waits until all have exited
     * (killing those still running after {@code timeoutMs}).
     */
    public void stopAll(long timeoutMs) {
        long timeout = timeoutMs > 0 ? timeoutMs : defaultGracefulMs;
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        for (int n = 0; n < slots.size(); n++) {
            ReentrantLock lock = locks.get(n);
            lock.lock();
            try {
                if (slots.get(n).state().isPowered()) {
                    stops.add(stop(n, true, timeout, "chassis shutdown"));
                }
            } finally {
                lock.unlock();
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(timeout + EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Whatever is left gets SIGKILL below; nothing more to wait for.
        }
        killAll();
    }

    /**
     * Sends {@code signal} to the process in slot {@code n} and records {@code cartridge.signalled}. A KILL is
     * not a power cut: the slot is not told, so the exit shows as a crash ({@code expected: false}).
     *
     * @return the PID signalled
     */
    public long signal(int n, CartridgeSignal signal) {
        slot(n);
        ReentrantLock lock = locks.get(n);
        lock.lock();
        try {
            RunningCartridge cartridge = requireRunning(n, "send it SIG" + signal.name());
            Map<String, Object> details = Map.of("signal", signal.name(), "pid", cartridge.pid());
            if (signal == CartridgeSignal.KILL) {
                // Recorded first: the exit it causes is reported on another thread and must come after.
                events.emitFrom(source(n), "cartridge.signalled", details);
                signal.send(cartridge.process());
            } else {
                signal.send(cartridge.process());
                events.emitFrom(source(n), "cartridge.signalled", details);
            }
            return cartridge.pid();
        } finally {
            lock.unlock();
        }
    }

    /** The live process in slot {@code n}, or a CONFLICT refusal saying there is none to {@code what}. */
    RunningCartridge requireRunning(int n, String what) {
        Slot s = slot(n);
        Optional<RunningCartridge> found = supervisor.running(n);
        if (found.isEmpty() || !s.state().isPowered() || !found.get().process().isAlive()) {
            throw new ChassisException(Reason.CONFLICT, "slot " + n + " of chassis " + chassis
                    + " has no running cartridge process (" + s.state().label() + ") to " + what,
                    "rack status shows which slots run a process; power one on with rack power " + chassis + "/" + n
                            + " on");
        }
        return found.get();
    }

    /** SIGKILL to every cartridge still running: the chassis never leaves a process it could have killed. */
    public void killAll() {
        CartridgeSupervisor sup = supervisor;
        if (sup != null) {
            sup.all().forEach(c -> power.cut(c.process()));
        }
    }

    private void powerOn(int n, Slot s) {
        s.checkCanPowerOn();
        String kind = s.snapshot().kind().orElseThrow();
        String nonce = power.newNonce();
        Process process = power.start(n, kind, BackplaneServer.HOST, backplane.port(n));
        long generation;
        try {
            generation = s.poweredOn(process.pid(), nonce);
        } catch (RuntimeException e) {
            power.cut(process);
            throw e;
        }
        RunningCartridge cartridge = new RunningCartridge(n, generation, process, ProcessRecord.of(process.toHandle()),
                new CompletableFuture<>());
        supervisor.watch(cartridge);
        power.sendNonce(process, nonce);
        events.emitFrom(source(n), "slot.powered", Map.of("on", true, "pid", process.pid()));
    }

    /**
     * Starts stopping the process in slot {@code n}; completes with true when the power had to be
     * cut without the cartridge's consent (graceful timeout, or nobody connected to ask).
     */
    private CompletableFuture<Boolean> stop(int n, boolean graceful, long timeoutMs, String reason) {
        Optional<RunningCartridge> found = supervisor.running(n);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        RunningCartridge cartridge = found.get();
        try {
            slots.get(n).beginStop(graceful);
        } catch (ChassisException alreadyExited) {
            return cartridge.exitHandled().thenApply(code -> false);
        }
        if (!graceful) {
            cut(cartridge);
            return cartridge.exitHandled().thenApply(code -> false);
        }
        ChassisFrame request = ChassisFrame.newBuilder().setStop(StopRequest.newBuilder()
                .setDeadlineMs((int) Math.min(Integer.MAX_VALUE, timeoutMs)).setReason(reason)).build();
        if (!backplane.push(n, request)) {
            // Nobody is connected to hear the request: cutting at once is all a graceful stop can do.
            cut(cartridge);
            return cartridge.exitHandled().thenApply(code -> true);
        }
        AtomicBoolean forced = new AtomicBoolean();
        ScheduledFuture<?> deadline = timers.schedule(() -> {
            if (!cartridge.exitHandled().isDone()) {
                forced.set(true);
                cut(cartridge);
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        return cartridge.exitHandled().thenApply(code -> {
            deadline.cancel(false);
            return forced.get();
        });
    }

    private void cut(RunningCartridge cartridge) {
        power.cut(cartridge.process());
        backplane.disconnect(cartridge.slot());
    }

    private boolean await(int n, CompletableFuture<Boolean> stop, long timeoutMs) {
        try {
            return stop.get(timeoutMs + EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChassisException(Reason.INTERNAL, "interrupted while stopping slot " + n, "try again");
        } catch (ExecutionException | TimeoutException e) {
            throw new ChassisException(Reason.INTERNAL, "the process in slot " + n + " of chassis " + chassis
                    + " did not exit even after SIGKILL", "check it with ps; the chassis log may say more");
        }
    }

    /** Handles a process exit: the slot goes off (asked for) or crashed (not asked for). */
    @Override
    public void exited(RunningCartridge cartridge, int exitCode) {
        try {
            int n = cartridge.slot();
            Slot.ExitOutcome outcome = slots.get(n).processExited(cartridge.generation());
            supervisor.forget(cartridge);
            if (outcome != Slot.ExitOutcome.STALE) {
                boolean expected = outcome == Slot.ExitOutcome.EXPECTED;
                events.emitFrom(source(n), "cartridge.exited",
                        Map.of("pid", cartridge.pid(), "exitCode", exitCode, "expected", expected));
                if (expected) {
                    events.emitFrom(source(n), "slot.powered", Map.of("on", false, "pid", cartridge.pid()));
                }
                // Its connection may outlive it for a moment; the slot must not keep talking to a dead process.
                backplane.disconnect(n);
            }
        } finally {
            cartridge.exitHandled().complete(exitCode);
        }
    }
}
