package dev.vrack.app;

import dev.vrack.proto.license.ManagerFrame;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** Hands every frame from the license manager, and the end of a connection, to its {@link LicenseClient}. */
@ChannelHandler.Sharable
final class LicenseClientHandler extends SimpleChannelInboundHandler<ManagerFrame> {

    private final LicenseClient client;

    LicenseClientHandler(LicenseClient client) {
        this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ManagerFrame frame) {
        client.received(ctx.channel(), frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.inactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An undecodable or oversized frame: this connection is unusable; the client reconnects.
        System.err.println("license client: closing the connection to the license manager after an error: " + cause);
        ctx.close();
    }
}
