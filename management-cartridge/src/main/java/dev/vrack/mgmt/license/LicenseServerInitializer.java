package dev.vrack.mgmt.license;

import dev.vrack.cartridge.LinkConditionHandler;
import dev.vrack.common.LinkGate;
import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.AgentFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * The pipeline of an agent connection: 4-byte length framing (64 KiB limit), protobuf, the management slot's link
 * condition (whole frames), the session handler.
 */
final class LicenseServerInitializer extends ChannelInitializer<SocketChannel> {

    private final LicenseManager manager;
    private final LinkGate link;

    LicenseServerInitializer(LicenseManager manager, LinkGate link) {
        this.manager = manager;
        this.link = link;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), AgentFrame.getDefaultInstance(), ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("link", new LinkConditionHandler(link));
        channel.pipeline().addLast("session", new LicenseServerHandler(manager));
    }
}
