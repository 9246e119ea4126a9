package dev.vrack.chassis.backplane;

import dev.vrack.proto.backplane.ChassisFrame;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots' connectors: one listening TCP port per slot on 127.0.0.1, so the port a connection
 * arrives on tells which slot it comes from.
 */
public final class BackplaneServer implements AutoCloseable {

    /** Where the connectors listen. */
    public static final String HOST = "127.0.0.1";

    private final List<Channel> listeners;
    private final SlotConnections connections;

    private BackplaneServer(List<Channel> listeners, SlotConnections connections) {
        this.listeners = listeners;
        this.connections = connections;
    }

    /** Opens one connector per slot on an ephemeral port. */
    public static BackplaneServer start(String chassis, int slotCount, BackplaneServices services,
                                        EventLoopGroup boss, EventLoopGroup workers) {
        SlotConnections connections = new SlotConnections(slotCount);
        List<Channel> listeners = new ArrayList<>();
        ServerBootstrap base = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true);
        try {
            for (int slot = 0; slot < slotCount; slot++) {
                listeners.add(base.clone().childHandler(new BackplaneInitializer(chassis, slot, services, connections))
                        .bind(HOST, 0).syncUninterruptibly().channel());
            }
        } catch (RuntimeException e) {
            listeners.forEach(Channel::close);
            throw e;
        }
        return new BackplaneServer(listeners, connections);
    }

    /** The connector port of {@code slot}. */
    public int port(int slot) {
        return ((InetSocketAddress) listeners.get(slot).localAddress()).getPort();
    }

    public boolean isConnected(int slot) {
        Channel channel = connections.get(slot);
        return channel != null && channel.isActive();
    }

    /** Sends a notification (request_id 0) to the cartridge of {@code slot}; false when none is connected. */
    public boolean push(int slot, ChassisFrame frame) {
        Channel channel = connections.get(slot);
        if (channel == null || !channel.isActive()) {
            return false;
        }
        channel.writeAndFlush(frame);
        return true;
    }

    /** Cuts the slot's connection, which a cartridge takes as a power cut. */
    public void disconnect(int slot) {
        Channel channel = connections.get(slot);
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void close() {
        for (int slot = 0; slot < connections.slotCount(); slot++) {
            disconnect(slot);
        }
        listeners.forEach(channel -> channel.close().syncUninterruptibly());
    }
}
