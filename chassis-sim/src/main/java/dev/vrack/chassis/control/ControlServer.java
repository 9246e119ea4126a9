package dev.vrack.chassis.control;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** The chassis control API: HTTP/1.1 + JSON on 127.0.0.1, an ephemeral port, bearer token required. */
public final class ControlServer implements AutoCloseable {

    private final Channel listener;

    private ControlServer(Channel listener) {
        this.listener = listener;
    }

    public static ControlServer start(String token, ControlRoutes routes, EventLoopGroup boss, EventLoopGroup workers,
                                      Executor actions) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the control token is empty; rack up writes one to control-token");
        }
        Channel listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ControlInitializer(token, routes, actions))
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return new ControlServer(listener);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }
}
