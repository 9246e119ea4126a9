package dev.vrack.cartridge;

import dev.vrack.common.LinkGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The chassis ID service (FIG. 28, chassis_id.proto): every cartridge in an I/O-bus slot serves the ID it
 * read from the ID memory, on its LAN address and {@code chassisIdPort}, to the cartridges of its chassis
 * that are not wired to the ID memory. Honours the slot's link: nothing is answered while it is down.
 */
public final class ChassisIdService implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;

    private ChassisIdService(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Binds the service on {@code address} (the cartridge's LAN address and the chassis ID port).
     *
     * @param chassis   this chassis's name: only askers naming it are answered
     * @param chassisId the ID read from the ID memory
     * @throws IOException when the address cannot be bound (the message says which and why)
     */
    public static ChassisIdService start(InetSocketAddress address, String chassis, String chassisId, LinkGate link)
            throws IOException {
        ChassisIdAnswers answers = new ChassisIdAnswers(chassis, chassisId);
        // One thread: a request a boot per cartridge of the chassis, never a hot path.
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("chassis-id", true));
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChassisIdServiceInitializer(answers, link))
                .bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("the chassis ID service cannot listen on " + address.getHostString() + ":"
                    + address.getPort() + ": " + bound.cause().getMessage() + " (is another process using "
                    + "the chassisIdPort of runtime.json on that address?)", bound.cause());
        }
        return new ChassisIdService(group, bound.channel());
    }

    /** Where the service listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
