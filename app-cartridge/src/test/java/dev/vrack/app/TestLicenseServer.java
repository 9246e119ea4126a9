package dev.vrack.app;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small license manager for tests: speaks license.proto over real Netty, records every frame with the
 * connection it came on, answers through a replaceable {@link Responder}, and can push, drop connections
 * and stop listening.
 */
final class TestLicenseServer implements AutoCloseable {

    /** Answers one frame; returns the answer (request id set by the server) or null for none. */
    @FunctionalInterface
    interface Responder {
        ManagerFrame.Builder answer(AgentFrame frame, int connection);
    }

    /** A frame as received, with the number of the connection (1, 2, ...) it came on. */
    record Received(AgentFrame frame, int connection, long nanos) {
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final InetSocketAddress requested;
    private volatile Responder responder;
    private volatile Channel server;
    private volatile Channel last;
    private volatile int connectionCount;
    private final java.util.concurrent.atomic.AtomicInteger closedByAgent = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean goingAway;

    TestLicenseServer(InetSocketAddress address, Responder responder) {
        this.requested = address;
        this.responder = responder;
    }

    TestLicenseServer start() {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ProtobufFraming.install(channel.pipeline(), AgentFrame.getDefaultInstance(),
                                ProtobufFraming.DEFAULT_MAX_FRAME);
                        channel.pipeline().addLast(new Handler(++connectionCount));
                        connections.add(channel);
                        last = channel;
                    }
                }).bind(requested).syncUninterruptibly().channel();
        return this;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    void respondWith(Responder next) {
        responder = next;
    }

    List<Received> received() {
        return received;
    }

    List<AgentFrame> frames(AgentFrame.BodyCase kind) {
        return received.stream().map(Received::frame).filter(f -> f.getBodyCase() == kind).toList();
    }

    /** Connections the agent closed (the server did not). */
    int closedByAgent() {
        return closedByAgent.get();
    }

    int connectionCount() {
        return connectionCount;
    }

    /** Pushes a frame (request id 0) on the latest connection. */
    void push(ManagerFrame.Builder frame) {
        last.writeAndFlush(frame.setRequestId(0).build()).syncUninterruptibly();
    }

    /** Stops listening and closes every connection: the manager went away. */
    void goAway() {
        goingAway = true;
        server.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        goAway();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<AgentFrame> {

        private final int connection;

        Handler(int connection) {
            this.connection = connection;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!goingAway) {
                closedByAgent.incrementAndGet();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AgentFrame frame) {
            received.add(new Received(frame, connection, System.nanoTime()));
            ManagerFrame.Builder answer = responder.answer(frame, connection);
            if (answer != null) {
                ctx.writeAndFlush(answer.setRequestId(frame.getRequestId()).build());
            }
        }
    }
}
