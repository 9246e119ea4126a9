package dev.vrack.mgmt.license;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.AgentFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** The pipeline of an agent connection: 4-byte length framing (64 KiB limit), protobuf, the session handler. */
final class LicenseServerInitializer extends ChannelInitializer<SocketChannel> {

    private final LicenseManager manager;

    LicenseServerInitializer(LicenseManager manager) {
        this.manager = manager;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), AgentFrame.getDefaultInstance(), ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("session", new LicenseServerHandler(manager));
    }
}
