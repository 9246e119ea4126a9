package dev.vrack.app;

import dev.vrack.common.LinkGate;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agent's connection to the license manager (license.proto over TCP): AgentHello first on every
 * connection, request ids strictly increasing (given when a frame is written, so they always are), answers
 * matched to the tag their request was sent with, reconnection with a growing pause when the connection
 * drops.
 *
 * <p>Offline (not connected, or the slot's link down) frames wait in a short queue and go out, in order,
 * once online again: a request that leaves late only makes the agent's lease deadline earlier, never later.
 * A link cut does not close the connection: a cut cable sends no FIN, and the manager must not mistake it
 * for a dead holder (it reclaims that holder's seats at once); nothing is sent and everything received is
 * dropped until the link is back. Everything runs on one Netty event loop; listener calls come from it.
 *
 * <p>A blackholed or impaired link keeps its carrier: the client stays online and its frames go through the
 * pipeline's {@link dev.vrack.cartridge.LinkConditionHandler}, which swallows or delays them. The client
 * finds a blackhole out the way a real one would, by silence: a request unanswered for the answer timeout
 * makes it tell its listener {@link Listener#offline} (answers that come later arrive as forgotten ones)
 * while the connection stays open.
 */
public final class LicenseClient implements AutoCloseable {

    /** What the client tells its agent. Called on the client's event loop, in wire order. */
    public interface Listener {

        /** An answer to a frame sent with {@code tag}; {@code tag} is null when its request was forgotten. */
        void answered(ManagerFrame frame, Object tag);

        /** A push (request id 0): SeatGranted, SuspendNow. */
        void pushed(ManagerFrame frame);

        /** Answers to frames already sent will not come (connection lost, link down); queued frames stay queued. */
        void offline(String reason);
    }

    /** Frames kept while offline; the agent never has more than a few outstanding. */
    static final int QUEUE_LIMIT = 32;
    private static final long FIRST_PAUSE_MS = 100;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** The answer timeout of the constructor without one. */
    static final long DEFAULT_ANSWER_TIMEOUT_MS = 5_000;

    private record Outgoing(AgentFrame.Builder frame, Object tag) {
    }

    private final InetSocketAddress manager;
    private final InetAddress localAddress;
    private final AgentHello hello;
    private final LinkGate link;
    private final Listener listener;
    private final long maxPauseMs;
    private final long answerTimeoutMs;
    private final NioEventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;

    // Event-loop state.
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final Map<Long, Object> tags = new HashMap<>();
    /** When each tagged request went out (monotonic ms), oldest first: ids only grow. */
    private final java.util.TreeMap<Long, Long> sentAtMs = new java.util.TreeMap<>();
    private ScheduledFuture<?> answerCheck;
    private long lastRequestId;
    private Channel channel;
    private Channel greeted;
    private String lastProblem = "";
    private boolean online;
    private boolean connecting;
    private boolean closed;
    private boolean started;
    private long pauseMs = FIRST_PAUSE_MS;
    private ScheduledFuture<?> reconnect;
    private int connections;

    /**
     * @param manager      the license manager: the DHCP server identifier and {@code licensePort}
     * @param localAddress the cartridge's leased address to connect from
     * @param maxPauseMs   the longest pause between reconnection attempts (the agent's retry interval)
     */
    public LicenseClient(InetSocketAddress manager, InetAddress localAddress, AgentHello hello, LinkGate link,
                         Listener listener, long maxPauseMs) {
        this(manager, localAddress, hello, link, listener, maxPauseMs, DEFAULT_ANSWER_TIMEOUT_MS);
    }

    /**
     * @param answerTimeoutMs how long a request may go unanswered before the client reports the manager
     *                        unreachable (a blackholed link shows only this way)
     */
    public LicenseClient(InetSocketAddress manager, InetAddress localAddress, AgentHello hello, LinkGate link,
                         Listener listener, long maxPauseMs, long answerTimeoutMs) {
        this.answerTimeoutMs = Math.max(1, answerTimeoutMs);
        this.manager = manager;
        this.localAddress = localAddress;
        this.hello = hello;
        this.link = link;
        this.listener = listener;
        this.maxPauseMs = Math.max(FIRST_PAUSE_MS, maxPauseMs);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("license-client", true));
        this.loop = group.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new LicenseClientInitializer(new LicenseClientHandler(this), link));
    }

    /** Starts connecting (and keeps reconnecting until {@link #close}). */
    public void start() {
        loop.execute(() -> {
            started = true;
            connect();
        });
    }

    /** Sends a frame (its request id is set here) or queues it while offline; its answer comes with {@code tag}. */
    public void send(AgentFrame.Builder frame, Object tag) {
        execute(() -> {
            if (closed) {
                return;
            }
            if (online) {
                write(new Outgoing(frame, tag));
                return;
            }
            if (queue.size() == QUEUE_LIMIT) {
                queue.pollFirst();
            }
            queue.addLast(new Outgoing(frame, tag));
        });
    }

    /** The slot's link went up or down; follow it from the slot's link listener. */
    public void linkChanged(boolean up) {
        execute(() -> {
            if (closed) {
                return;
            }
            if (!up) {
                goOffline("the slot's link is down");
            } else if (channel != null && channel.isActive()) {
                goOnline();
            } else {
                connectNow();
            }
        });
    }

    /** How many connections were established so far (for status and tests). */
    public int connections() {
        return onLoop(() -> connections);
    }

    /** True while frames go out at once. */
    public boolean isOnline() {
        return onLoop(() -> online);
    }

    /** The manager's address. */
    public InetSocketAddress manager() {
        return manager;
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        if (!loop.inEventLoop()) {
            loop.submit(this::closeOnLoop).awaitUninterruptibly(2, TimeUnit.SECONDS);
        } else {
            closeOnLoop();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void closeOnLoop() {
        closed = true;
        online = false;
        queue.clear();
        forgetRequests();
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void connect() {
        if (closed || connecting || (channel != null && channel.isActive())) {
            return;
        }
        if (!link.carrier()) {
            // Nothing leaves a slot whose link is down; linkChanged(true) connects.
            return;
        }
        connecting = true;
        ChannelFuture attempt = localAddress == null ? bootstrap.connect(manager)
                : bootstrap.connect(manager, new InetSocketAddress(localAddress, 0));
        attempt.addListener(done -> {
            connecting = false;
            if (closed) {
                attempt.channel().close();
                return;
            }
            if (!done.isSuccess()) {
                scheduleReconnect("cannot connect to the license manager at " + describe() + ": "
                        + done.cause().getMessage());
                return;
            }
            channel = attempt.channel();
            connections++;
            lastProblem = "";
            pauseMs = FIRST_PAUSE_MS;
            if (link.carrier()) {
                goOnline();
            }
        });
    }

    private void goOnline() {
        online = true;
        if (greeted != channel) {
            // Hello once per connection: a connection re-enabled after a link cut already said it.
            greeted = channel;
            write(new Outgoing(AgentFrame.newBuilder().setHello(hello), null));
        }
        while (!queue.isEmpty() && online) {
            write(queue.pollFirst());
        }
    }

    private void write(Outgoing outgoing) {
        long id = ++lastRequestId;
        if (outgoing.tag() != null) {
            tags.put(id, outgoing.tag());
            sentAtMs.put(id, nowMs());
            armAnswerCheck();
        }
        channel.writeAndFlush(outgoing.frame().setRequestId(id).build());
    }

    private void goOffline(String reason) {
        boolean wasOnline = online;
        online = false;
        forgetRequests();
        if (wasOnline) {
            listener.offline(reason);
        }
    }

    void received(Channel from, ManagerFrame frame) {
        if (from != channel || !online || !link.carrier()) {
            // Received while the link is down (or on a connection given up): never arrived.
            return;
        }
        if (frame.getRequestId() == 0) {
            listener.pushed(frame);
            return;
        }
        if (frame.hasWelcome()) {
            return;
        }
        sentAtMs.remove(frame.getRequestId());
        listener.answered(frame, tags.remove(frame.getRequestId()));
    }

    /** Checks the oldest unanswered request when it would time out; silence that long means "unreachable". */
    private void armAnswerCheck() {
        if ((answerCheck != null && !answerCheck.isDone()) || sentAtMs.isEmpty()) {
            return;
        }
        long due = sentAtMs.firstEntry().getValue() + answerTimeoutMs - nowMs();
        answerCheck = loop.schedule(this::checkAnswers, Math.max(0, due), TimeUnit.MILLISECONDS);
    }

    private void checkAnswers() {
        // This check is over: a new one may be armed, including from here.
        answerCheck = null;
        if (closed || sentAtMs.isEmpty()) {
            return;
        }
        if (nowMs() - sentAtMs.firstEntry().getValue() >= answerTimeoutMs) {
            // The connection stays: a silent link is not a dead manager, and closing would tell it we died.
            forgetRequests();
            if (online) {
                listener.offline("no answer from the license manager at " + describe() + " within "
                        + answerTimeoutMs + " ms");
            }
            return;
        }
        armAnswerCheck();
    }

    private void forgetRequests() {
        tags.clear();
        sentAtMs.clear();
        if (answerCheck != null) {
            answerCheck.cancel(false);
            answerCheck = null;
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    void inactive(Channel which) {
        if (which != channel) {
            return;
        }
        channel = null;
        goOffline("the connection to the license manager at " + describe() + " closed");
        if (!closed) {
            scheduleReconnect("connection closed");
        }
    }

    private void scheduleReconnect(String why) {
        if (closed || (reconnect != null && !reconnect.isDone())) {
            return;
        }
        if (!why.equals(lastProblem)) {
            // Said once per distinct problem: a manager down for minutes must not flood the log.
            System.err.println("license client: " + why + "; retrying");
            lastProblem = why;
        }
        long pause = pauseMs;
        pauseMs = Math.min(pauseMs * 2, maxPauseMs);
        reconnect = loop.schedule(this::connect, pause, TimeUnit.MILLISECONDS);
    }

    private void connectNow() {
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        pauseMs = FIRST_PAUSE_MS;
        connect();
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // After close nothing goes on the wire any more, by design.
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> read) {
        try {
            return loop.submit(read).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the license client's event loop did not answer: " + e, e);
        }
    }

    private String describe() {
        return manager.getHostString() + ":" + manager.getPort();
    }
}
