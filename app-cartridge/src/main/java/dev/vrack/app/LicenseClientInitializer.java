package dev.vrack.app;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the agent side of a license connection: framing, protobuf, then the client handler. */
final class LicenseClientInitializer extends ChannelInitializer<SocketChannel> {

    private final LicenseClientHandler handler;

    LicenseClientInitializer(LicenseClientHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), ManagerFrame.getDefaultInstance(), ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("license", handler);
    }
}
