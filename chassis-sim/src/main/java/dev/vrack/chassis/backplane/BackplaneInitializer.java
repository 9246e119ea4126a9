package dev.vrack.chassis.backplane;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.backplane.CartridgeFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the pipeline of a connection on one slot's connector: framing, protobuf, the slot's handler. */
final class BackplaneInitializer extends ChannelInitializer<SocketChannel> {

    private final String chassis;
    private final int slot;
    private final BackplaneServices services;
    private final SlotConnections connections;

    BackplaneInitializer(String chassis, int slot, BackplaneServices services, SlotConnections connections) {
        this.chassis = chassis;
        this.slot = slot;
        this.services = services;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), CartridgeFrame.getDefaultInstance(),
                ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("slot", new BackplaneHandler(chassis, slot, services, connections));
    }
}
