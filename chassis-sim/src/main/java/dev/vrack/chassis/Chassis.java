package dev.vrack.chassis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.chassis.backplane.BackplaneServer;
import dev.vrack.chassis.control.ControlServer;
import dev.vrack.common.EventLog;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkConditionWire;
import dev.vrack.proto.backplane.ClockStep;
import dev.vrack.proto.backplane.UsbKeyChanged;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chassis: ID memory, I/O bus, USB port, hub, slots with their connectors and power, and the
 * control API. {@link ChassisMain} runs one per process; tests may run one in their own JVM.
 */
public final class Chassis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chassis.class);
    private static final int MAX_REQUESTS_IN_FLIGHT = 64;

    /**
     * Everything a chassis is built from.
     *
     * @param controlToken the bearer token the control API requires
     * @param keyInserter  plugs hardware key images into the USB port's emulated dongle
     */
    public record Settings(StateLayout layout, RackConfig rack, ChassisConfig config, RackRuntime runtime,
                           String controlToken, UsbKeyInserter keyInserter, TimeSource time) {
    }

    private final Settings settings;
    private final String name;
    private final EventLog events;
    private final IdMemory idMemory;
    private final UsbPort usb;
    private final SlotController slots;
    private final List<Slot> slotList;
    private final ScheduledExecutorService timers;
    private final ExecutorService exits;
    private final ExecutorService actions;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile Hub hub;
    private volatile BackplaneServer backplane;
    private volatile ControlServer control;

    private Chassis(Settings settings) {
        this.settings = settings;
        ChassisConfig config = settings.config();
        this.name = config.name();
        this.events = EventLog.open(settings.layout().chassisEvents(name), name, settings.time());
        this.slotList = new ArrayList<>();
        for (int n = 0; n < config.slots(); n++) {
            slotList.add(new Slot(name, n, config.isIoBus(n)));
        }
        IoBus ioBus = new IoBus(name, config.ioBus());
        this.idMemory = new IdMemory(name, config.chassisId(), ioBus, events);
        this.usb = new UsbPort(settings.keyInserter(), events);
        this.timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("chassis-timer", true));
        this.exits = Executors.newSingleThreadExecutor(new DefaultThreadFactory("chassis-exits", true));
        // One thread per request in flight: a graceful pull may wait seconds and must not hold up a status
        // request. Bounded, so a flood gets 503 rather than thousands of threads.
        this.actions = new ThreadPoolExecutor(0, MAX_REQUESTS_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DefaultThreadFactory("chassis-action", true));
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("chassis-accept", true));
        this.workers = new NioEventLoopGroup(2, new DefaultThreadFactory("chassis-io", true));
        this.slots = new SlotController(name, slotList, events, new PowerSupply(settings.layout(), name, settings.runtime()),
                timers, settings.runtime().gracefulTimeoutMs());
    }

    /** Builds the chassis and opens everything it listens on; no cartridge is powered yet. */
    public static Chassis start(Settings settings) {
        Chassis chassis = new Chassis(settings);
        try {
            chassis.open();
        } catch (RuntimeException e) {
            chassis.release();
            throw e;
        }
        return chassis;
    }

    private void open() {
        ChassisConfig config = settings.config();
        IoBus ioBus = new IoBus(name, config.ioBus());
        hub = Hub.start(name, config.chassisId(), config.hubAddress(), settings.runtime().serverPort(),
                settings.rack().dhcp().server(), config.slots(), events, this::pushLink);
        backplane = BackplaneServer.start(name, config.slots(), new ChassisBackplane(settings.rack().name(), name,
                slotList, ioBus, idMemory, usb, hub, events, settings.time()), boss, workers);
        usb.onChange(key -> pushUsbKey(ioBus, key));
        slots.attach(backplane, new CartridgeSupervisor(settings.layout().cartridgesFile(name), slots, exits));
        control = ControlServer.start(settings.controlToken(), new ControlRouter(this), boss, workers, actions);
        events.emit("chassis.started", Map.of("chassisId", config.chassisId(), "slots", config.slots()));
        LOG.info("chassis {} ({}) up: control API on 127.0.0.1:{}", name, config.chassisId(), control.port());
    }

    private void pushLink(int slot, LinkCondition condition) {
        BackplaneServer server = backplane;
        if (server != null) {
            server.push(slot, ChassisFrame.newBuilder().setLinkState(LinkConditionWire.change(condition)).build());
        }
    }

    /**
     * Steps the wall clock of the cartridge in {@code slot} by {@code stepMs} (a backplane push; the cartridge
     * records {@code clock.stepped}).
     */
    public void stepClock(int slot, long stepMs) {
        slots.requireRunning(slot, "step its clock");
        if (!backplane.push(slot, ChassisFrame.newBuilder().setClockStep(ClockStep.newBuilder().setStepMs(stepMs))
                .build())) {
            throw new ChassisException(ChassisException.Reason.CONFLICT, "the cartridge in slot " + slot
                    + " of chassis " + name + " is not connected to its backplane yet",
                    "wait until it has booted (rack status), then try again");
        }
    }

    /** Tells the cartridges of the I/O-bus slots what the USB port holds now (attach, detach, swap). */
    private void pushUsbKey(IoBus ioBus, Optional<UsbKeyInfo> key) {
        BackplaneServer server = backplane;
        if (server == null) {
            return;
        }
        ChassisFrame frame = ChassisFrame.newBuilder().setUsbKeyChanged(UsbKeyChanged.newBuilder()
                .setKey(ChassisBackplane.usbKeyInfo(key))).build();
        for (int slot : ioBus.wiredSlots()) {
            if (slot < slotList.size()) {
                server.push(slot, frame);
            }
        }
    }

    /**
     * Plugs in the configured USB key and seats and powers the configured cartridges, each from its
     * card image {@code cards/<chassis>-<slot>.card}. A cartridge that cannot be seated is logged and
     * skipped: the rest of the chassis still comes up.
     */
    public void seatConfigured() {
        settings.config().usbKey().ifPresent(key -> {
            try {
                usb.attach(keyPath(key));
            } catch (ChassisException e) {
                LOG.error("USB key '{}' not attached: {} ({})", key, e.getMessage(), e.hint());
            }
        });
        for (CartridgeConfig cartridge : settings.config().cartridges()) {
            Path card = settings.layout().cardFor(name, cartridge.slot());
            try {
                slots.insert(cartridge.slot(), card, Optional.of(cartridge.kind().wireName()), true);
            } catch (ChassisException e) {
                LOG.error("slot {} left empty: {} ({})", cartridge.slot(), e.getMessage(), e.hint());
            }
        }
    }

    /** The image rack up provisioned for the configured key: keys/<name>.hwkey (see StateLayout.keyImage). */
    private Path keyPath(String key) {
        return settings.layout().keyImage(key);
    }

    public String name() {
        return name;
    }

    public String chassisId() {
        return idMemory.chassisId();
    }

    public SlotController slots() {
        return slots;
    }

    public UsbPort usb() {
        return usb;
    }

    public Hub hub() {
        return hub;
    }

    public int controlPort() {
        return control.port();
    }

    /** The backplane connector port of {@code slot}. */
    public int backplanePort(int slot) {
        return backplane.port(slot);
    }

    public long defaultGracefulMs() {
        return settings.runtime().gracefulTimeoutMs();
    }

    /** The status JSON of docs/ARCHITECTURE.md. */
    public ObjectNode status() {
        return StatusJson.chassis(name, chassisId(), ProcessHandle.current().pid(), hub, usb.key(),
                slotList.stream().map(Slot::snapshot).toList());
    }

    public ObjectNode slotStatus(int slot) {
        return StatusJson.slot(slots.slot(slot).snapshot(), hub.condition(slot));
    }

    public ObjectNode usbStatus() {
        return StatusJson.usb(usb.key());
    }

    /** Shuts down on another thread (used by {@code POST /shutdown}, whose answer is already sent). */
    public void shutdownAsync(long timeoutMs) {
        Thread thread = new Thread(() -> shutdown(timeoutMs), "chassis-shutdown");
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Stops every cartridge gracefully (SIGKILL after {@code timeoutMs}), closes every port and
     * returns once all is done. Calling it again waits for the first call to finish.
     */
    public void shutdown(long timeoutMs) {
        if (!stopping.compareAndSet(false, true)) {
            terminated.join();
            return;
        }
        try {
            LOG.info("chassis {} shutting down", name);
            slots.stopAll(timeoutMs);
            events.emit("chassis.stopped", Map.of("chassisId", chassisId(), "slots", slotList.size()));
        } finally {
            release();
            terminated.complete(null);
        }
    }

    /** Completes once the chassis has shut down. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Releases ports, threads and files; kills any cartridge still running. */
    private void release() {
        slots.killAll();
        closeQuietly(control);
        closeQuietly(backplane);
        closeQuietly(hub);
        actions.shutdownNow();
        timers.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        exits.shutdown();
        try {
            exits.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    @Override
    public void close() {
        shutdown(settings.runtime().gracefulTimeoutMs());
    }
}
