package dev.vrack.cartridge;

import dev.vrack.common.EventLog;
import dev.vrack.common.TimeSource;
import dev.vrack.proto.backplane.ClockStep;
import dev.vrack.proto.backplane.StopRequest;
import dev.vrack.proto.backplane.Welcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The life of a cartridge, shared by every kind: open the event log, connect the backplane, announce
 * the boot, run the kind's program, then wait for a graceful stop, a failure or a power loss.
 * No {@code System.exit} and no static state here: the caller decides what an exit code means.
 */
public final class Cartridge {

    /** Stopped gracefully on the chassis's request. */
    public static final int EXIT_STOPPED = 0;
    /** The program could not boot or failed later. */
    public static final int EXIT_FAILED = 1;
    /** The slot lost power (returned only when the {@link PowerLoss} callback did not halt the process). */
    public static final int EXIT_POWER_LOST = 137;

    private static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(5);
    private static final Duration CLEANUP_AFTER_FAILURE = Duration.ofSeconds(2);

    private final CartridgeArgs args;
    private final String nonce;
    private final CartridgeProgram program;
    private final PowerLoss powerLoss;
    private final TimeSource time;
    private final Duration connectWindow;

    public Cartridge(CartridgeArgs args, String nonce, CartridgeProgram program, PowerLoss powerLoss, TimeSource time) {
        this(args, nonce, program, powerLoss, time, BackplaneClient.CONNECT_WINDOW);
    }

    public Cartridge(CartridgeArgs args, String nonce, CartridgeProgram program, PowerLoss powerLoss, TimeSource time,
                     Duration connectWindow) {
        this.args = args;
        this.nonce = nonce;
        this.program = program;
        this.powerLoss = powerLoss;
        this.time = time;
        this.connectWindow = connectWindow;
    }

    /** Runs the cartridge until it stops, fails or loses power; returns the exit code for its process. */
    public int run() {
        // The chassis may step this cartridge's wall clock; its events carry the cartridge's own (stepped) time.
        SteppedClock clock = new SteppedClock(time);
        try (EventLog events = EventLog.open(args.layout().cartridgeEvents(args.chassis(), args.slot()),
                args.source(), clock)) {
            return run(events, clock);
        }
    }

    private int run(EventLog events, SteppedClock clock) {
        SlotLink link = new SlotLink();
        CompletableFuture<StopRequest> stop = new CompletableFuture<>();
        CompletableFuture<String> failure = new CompletableFuture<>();
        CompletableFuture<String> powerLost = new CompletableFuture<>();
        PowerLoss onPowerLoss = reason -> {
            powerLost.complete(reason);
            powerLoss.powerLost(reason);
        };
        BackplaneClient backplane = new BackplaneClient(args.backplane(), onPowerLoss)
                .addListener(link)
                .addListener(new BackplaneListener() {
                    @Override
                    public void stopRequested(StopRequest request) {
                        stop.complete(request);
                    }

                    @Override
                    public void clockStepped(ClockStep step) {
                        long offset = clock.step(step.getStepMs());
                        events.emit("clock.stepped", Map.of("stepMs", step.getStepMs(), "offsetMs", offset));
                    }
                });
        Welcome welcome;
        try {
            welcome = backplane.connect(nonce, ProcessHandle.current().pid(), connectWindow);
        } catch (BackplaneException e) {
            backplane.close();
            System.err.println("cartridge " + args.source() + ": " + e.getMessage());
            if (e.code() != dev.vrack.proto.backplane.ErrorCode.ERROR_CODE_UNSPECIFIED) {
                // The chassis answered and refused us: a configuration problem, not a power cut.
                return EXIT_FAILED;
            }
            onPowerLoss.powerLost(e.getMessage());
            return EXIT_POWER_LOST;
        }
        CartridgeContext context = new CartridgeContext(args, events, backplane, link, clock, failure);
        events.emit("cartridge.booted", Map.of("kind", program.kind(), "card", welcome.getCardPath()));
        report(backplane.reportState("booting", Map.of()), "booting");
        try {
            program.boot(context);
        } catch (Exception e) {
            // A boot that failed because the power went is a power cut, not a broken program.
            return powerLost.isDone() ? cutPower(context) : failed(context, describe(e));
        }
        CompletableFuture.anyOf(stop, failure, powerLost).join();
        if (powerLost.isDone()) {
            return cutPower(context);
        }
        if (failure.isDone() && !stop.isDone()) {
            return failed(context, failure.join());
        }
        return stopGracefully(context, stop.join());
    }

    private int cutPower(CartridgeContext context) {
        program.powerCut(context);
        context.backplane().close();
        return EXIT_POWER_LOST;
    }

    private int stopGracefully(CartridgeContext context, StopRequest request) {
        Duration deadline = request.getDeadlineMs() > 0 ? Duration.ofMillis(request.getDeadlineMs())
                : DEFAULT_STOP_DEADLINE;
        report(context.backplane().reportState("stopping", Map.of()), "stopping");
        boolean finished = runStop(context, deadline);
        if (!finished) {
            System.err.println("cartridge " + args.source() + ": the " + program.kind()
                    + " program did not stop within " + deadline.toMillis() + " ms; leaving anyway");
        }
        context.backplane().close();
        return EXIT_STOPPED;
    }

    private int failed(CartridgeContext context, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", program.kind());
        details.put("reason", reason);
        context.events().emit("cartridge.failed", details);
        System.err.println("cartridge " + args.source() + " (" + program.kind() + ") failed: " + reason);
        runStop(context, CLEANUP_AFTER_FAILURE);
        context.backplane().close();
        return EXIT_FAILED;
    }

    /** Runs the program's stop on its own thread so a stuck stop cannot outlive the deadline. */
    private boolean runStop(CartridgeContext context, Duration deadline) {
        Thread stopper = new Thread(() -> {
            try {
                program.stop(context, deadline);
            } catch (Exception e) {
                System.err.println("cartridge " + args.source() + ": stop failed: " + describe(e));
            }
        }, "cartridge-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !stopper.isAlive();
    }

    private void report(CompletableFuture<Void> sent, String state) {
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                System.err.println("cartridge " + args.source() + ": cannot report state " + state + ": "
                        + describe(error));
            }
        });
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
