package dev.vrack.app;

import dev.vrack.cartridge.LinkConditionHandler;
import dev.vrack.common.LinkGate;
import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the agent side of a license connection: framing, protobuf, the slot's link condition (blackhole,
 * delay, loss, applied to whole frames), then the client handler.
 */
final class LicenseClientInitializer extends ChannelInitializer<SocketChannel> {

    private final LicenseClientHandler handler;
    private final LinkGate link;

    LicenseClientInitializer(LicenseClientHandler handler, LinkGate link) {
        this.handler = handler;
        this.link = link;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ProtobufFraming.install(channel.pipeline(), ManagerFrame.getDefaultInstance(), ProtobufFraming.DEFAULT_MAX_FRAME);
        channel.pipeline().addLast("link", new LinkConditionHandler(link));
        channel.pipeline().addLast("license", handler);
    }
}
