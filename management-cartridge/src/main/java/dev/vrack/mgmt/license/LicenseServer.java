package dev.vrack.mgmt.license;

import dev.vrack.common.LinkGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The license server (license.proto over TCP): one session per agent connection, on the manager's LAN address. */
public final class LicenseServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;

    private LicenseServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
    }

    /** Binds {@code address} and serves, outside any slot (tests, the load harness). */
    public static LicenseServer start(InetSocketAddress address, LicenseManager manager) {
        return start(address, manager, LinkGate.ALWAYS_UP);
    }

    /**
     * Binds {@code address} and serves behind the management slot's link (a blackholed or impaired slot delays or
     * loses the manager's frames as it does an agent's); throws when the address cannot be bound.
     */
    public static LicenseServer start(InetSocketAddress address, LicenseManager manager, LinkGate link) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("license-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("license-io", true));
        try {
            Channel listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new LicenseServerInitializer(manager, link))
                    .bind(address).syncUninterruptibly().channel();
            return new LicenseServer(boss, workers, listener);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen for license agents on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage()
                    + "; another process holds the port (licensePort in runtime.json)", e);
        }
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
