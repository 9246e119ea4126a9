package dev.vrack.cartridge;

import dev.vrack.proto.backplane.BackplaneVersion;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.ReadIdMemory;
import dev.vrack.proto.backplane.ReadUsbKey;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.backplane.UsbKeyInfo;
import dev.vrack.proto.backplane.Welcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cartridge's end of its slot connector (docs/ARCHITECTURE.md, "The backplane"): connects, says
 * Hello with the nonce, waits for the Welcome, then carries requests and pushes. When the connection
 * ends without the cartridge having asked for it, the slot has lost power and {@link PowerLoss} is called.
 */
public final class BackplaneClient implements AutoCloseable {

    /** How long a cartridge keeps trying to reach its chassis before it gives up (and halts). */
    public static final Duration CONNECT_WINDOW = Duration.ofSeconds(10);
    /** How long a request waits for its answer by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final long RETRY_PAUSE_MS = 200;

    private final InetSocketAddress address;
    private final PowerLoss powerLoss;
    private final Duration requestTimeout;
    private final List<BackplaneListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<ChassisFrame>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private final CompletableFuture<Welcome> handshake = new CompletableFuture<>();
    private final EventLoopGroup group;

    private volatile Channel channel;
    private volatile boolean closing;

    /** A client for the connector at {@code address}; nothing happens until {@link #connect}. */
    public BackplaneClient(InetSocketAddress address, PowerLoss powerLoss) {
        this(address, powerLoss, DEFAULT_REQUEST_TIMEOUT);
    }

    public BackplaneClient(InetSocketAddress address, PowerLoss powerLoss, Duration requestTimeout) {
        this.address = address;
        this.powerLoss = powerLoss;
        this.requestTimeout = requestTimeout;
        // One I/O thread is plenty for one connector, and keeps a rack of dozens of cartridges light.
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("backplane", true));
    }

    /** Adds a listener for the Welcome and for pushes; add listeners before {@link #connect} to miss nothing. */
    public BackplaneClient addListener(BackplaneListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Connects (retrying until {@code window} has passed), sends Hello and waits for the Welcome.
     *
     * @throws BackplaneException when the chassis cannot be reached or refuses the Hello
     */
    public Welcome connect(String nonce, long pid, Duration window) throws BackplaneException {
        long deadline = System.nanoTime() + window.toNanos();
        Channel connected = connectWithRetry(deadline, window);
        channel = connected;
        if (closing) {
            connected.close();
            throw new BackplaneException("the backplane client was closed while connecting");
        }
        CartridgeFrame hello = CartridgeFrame.newBuilder()
                .setRequestId(nextRequestId.getAndIncrement())
                .setHello(Hello.newBuilder().setVersion(BackplaneVersion.BACKPLANE_VERSION_1)
                        .setNonce(nonce).setPid(pid))
                .build();
        connected.writeAndFlush(hello);
        long remainingMs = Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 2000);
        try {
            return handshake.get(remainingMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connected.close();
            throw new BackplaneException("the chassis at " + describe() + " accepted the connection but sent no "
                    + "Welcome within " + remainingMs + " ms");
        } catch (ExecutionException e) {
            connected.close();
            Throwable cause = e.getCause();
            if (cause instanceof BackplaneException backplane) {
                throw backplane;
            }
            throw new BackplaneException("backplane handshake with " + describe() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected.close();
            throw new BackplaneException("interrupted during the backplane handshake");
        }
    }

    private Channel connectWithRetry(long deadline, Duration window) throws BackplaneException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new BackplaneClientInitializer(new BackplaneClientHandler(this)));
        Throwable lastFailure = null;
        while (!closing) {
            ChannelFuture attempt = bootstrap.connect(address).awaitUninterruptibly();
            if (attempt.isSuccess()) {
                return attempt.channel();
            }
            lastFailure = attempt.cause();
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                break;
            }
            try {
                // The chassis opens the connector before powering the slot, so a refusal is rare and brief.
                Thread.sleep(Math.min(RETRY_PAUSE_MS, leftMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new BackplaneException("cannot reach the chassis connector at " + describe() + " within "
                + window.toMillis() + " ms" + (lastFailure == null ? "" : ": " + lastFailure.getMessage()),
                lastFailure);
    }

    /** The Welcome of this connection; only valid after {@link #connect} returned. */
    public Welcome welcome() {
        return handshake.getNow(null);
    }

    /** True while the connection is up. */
    public boolean isConnected() {
        Channel current = channel;
        return current != null && current.isActive() && handshake.isDone() && !handshake.isCompletedExceptionally();
    }

    /**
     * Sends a request (a fresh request ID is set on it) and completes with the chassis's answer, which may be a
     * {@code BackplaneError}. Completes exceptionally with a {@link BackplaneException} on timeout or disconnect.
     */
    public CompletableFuture<ChassisFrame> request(CartridgeFrame.Builder frame) {
        Channel current = channel;
        if (current == null || !current.isActive() || !handshake.isDone()) {
            return CompletableFuture.failedFuture(new BackplaneException(
                    "the backplane is not connected; requests are possible after the Welcome"));
        }
        long id = nextRequestId.getAndIncrement();
        CompletableFuture<ChassisFrame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String what = frame.getBodyCase().name();
        ScheduledFuture<?> timeout = current.eventLoop().schedule(() -> {
            if (pending.remove(id) != null) {
                answer.completeExceptionally(new BackplaneException("the chassis did not answer " + what
                        + " (request " + id + ") within " + requestTimeout.toMillis() + " ms"));
            }
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((frameIn, error) -> timeout.cancel(false));
        current.writeAndFlush(frame.setRequestId(id).build()).addListener(written -> {
            if (!written.isSuccess() && pending.remove(id) != null) {
                answer.completeExceptionally(new BackplaneException("cannot send " + what + " on the backplane: "
                        + written.cause().getMessage(), written.cause()));
            }
        });
        return answer;
    }

    /** Asks the slot's bus for the ID memory; a slot off the I/O bus gets a refusal, not an error. */
    public CompletableFuture<ChassisIdReading> readIdMemory() {
        return request(CartridgeFrame.newBuilder().setReadIdMemory(ReadIdMemory.getDefaultInstance()))
                .thenApply(answer -> {
                    if (answer.hasIdMemory()) {
                        return ChassisIdReading.read(answer.getIdMemory().getChassisId());
                    }
                    if (answer.hasError() && answer.getError().getCode() == ErrorCode.NO_SUCH_DEVICE) {
                        return ChassisIdReading.refused(answer.getError().getMessage());
                    }
                    throw new IllegalStateException(unexpected("ReadIdMemory", answer));
                });
    }

    /** Asks the slot's bus for the USB key's public information. */
    public CompletableFuture<UsbKeyInfo> readUsbKey() {
        return request(CartridgeFrame.newBuilder().setReadUsbKey(ReadUsbKey.getDefaultInstance()))
                .thenApply(answer -> {
                    if (answer.hasUsbKey()) {
                        return answer.getUsbKey();
                    }
                    throw new IllegalStateException(unexpected("ReadUsbKey", answer));
                });
    }

    /** Tells the chassis the cartridge's LAN address. */
    public CompletableFuture<Void> reportAddress(ReportAddress address) {
        return request(CartridgeFrame.newBuilder().setReportAddress(address)).thenAccept(answer -> expectAck(
                "ReportAddress", answer));
    }

    /** Tells the chassis the cartridge's state (booting, up, stopping) and details shown in status. */
    public CompletableFuture<Void> reportState(String state, Map<String, String> details) {
        return request(CartridgeFrame.newBuilder().setReportState(
                ReportState.newBuilder().setState(state).putAllDetails(details)))
                .thenAccept(answer -> expectAck("ReportState", answer));
    }

    private static void expectAck(String what, ChassisFrame answer) {
        if (!answer.hasAck()) {
            throw new IllegalStateException(unexpected(what, answer));
        }
    }

    private static String unexpected(String what, ChassisFrame answer) {
        if (answer.hasError()) {
            return "the chassis refused " + what + ": " + answer.getError().getCode() + " "
                    + answer.getError().getMessage();
        }
        return "the chassis answered " + what + " with " + answer.getBodyCase() + " instead of the expected answer";
    }

    /** Closes the connection on purpose: this is not a power loss. */
    @Override
    public void close() {
        closing = true;
        Channel current = channel;
        if (current != null) {
            current.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    void received(ChassisFrame frame) {
        if (!handshake.isDone()) {
            receivedDuringHandshake(frame);
            return;
        }
        if (frame.getRequestId() != 0) {
            CompletableFuture<ChassisFrame> answer = pending.remove(frame.getRequestId());
            // An answer nobody waits for any more arrived after its timeout; it is dropped on purpose.
            if (answer != null) {
                answer.complete(frame);
            }
            return;
        }
        switch (frame.getBodyCase()) {
            case LINK_STATE -> notifyListeners(l -> l.linkStateChanged(frame.getLinkState()));
            case STOP -> notifyListeners(l -> l.stopRequested(frame.getStop()));
            case USB_KEY_CHANGED -> notifyListeners(l -> l.usbKeyChanged(frame.getUsbKeyChanged()));
            case CLOCK_STEP -> notifyListeners(l -> l.clockStepped(frame.getClockStep()));
            default -> System.err.println("backplane: ignoring an unexpected push " + frame.getBodyCase());
        }
    }

    private void receivedDuringHandshake(ChassisFrame frame) {
        if (frame.hasWelcome()) {
            notifyListeners(l -> l.welcomed(frame.getWelcome()));
            handshake.complete(frame.getWelcome());
        } else if (frame.hasError()) {
            handshake.completeExceptionally(new BackplaneException("the chassis refused the Hello: "
                    + frame.getError().getCode() + " " + frame.getError().getMessage(), frame.getError().getCode()));
        } else {
            handshake.completeExceptionally(new BackplaneException("the chassis sent " + frame.getBodyCase()
                    + " before the Welcome; expected Welcome or BackplaneError"));
        }
    }

    void disconnected() {
        BackplaneException gone = new BackplaneException("the backplane connection to " + describe() + " closed");
        pending.values().forEach(answer -> answer.completeExceptionally(gone));
        pending.clear();
        if (!handshake.isDone()) {
            handshake.completeExceptionally(new BackplaneException("the chassis at " + describe()
                    + " closed the connection before sending a Welcome"));
            return;
        }
        if (!closing && !handshake.isCompletedExceptionally()) {
            powerLoss.powerLost("the chassis closed the backplane connection at " + describe());
        }
    }

    private void notifyListeners(java.util.function.Consumer<BackplaneListener> call) {
        for (BackplaneListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                // One faulty listener must not keep the others (or the connection) from working.
                System.err.println("backplane: a listener failed: " + e);
            }
        }
    }

    private String describe() {
        return address.getHostString() + ":" + address.getPort();
    }
}
