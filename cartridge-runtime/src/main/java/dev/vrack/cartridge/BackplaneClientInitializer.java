package dev.vrack.cartridge;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.backplane.ChassisFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the cartridge side of a backplane connection: framing, protobuf, then the client handler. */
final class BackplaneClientInitializer extends ChannelInitializer<SocketChannel> {

    private final BackplaneClientHandler handler;

    BackplaneClientInitializer(BackplaneClientHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), ChassisFrame.getDefaultInstance(),
                ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("backplane", handler);
    }
}
