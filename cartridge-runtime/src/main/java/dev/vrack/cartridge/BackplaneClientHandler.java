package dev.vrack.cartridge;

import dev.vrack.proto.backplane.ChassisFrame;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** Hands every frame from the chassis, and the end of the connection, to its {@link BackplaneClient}. */
@ChannelHandler.Sharable
final class BackplaneClientHandler extends SimpleChannelInboundHandler<ChassisFrame> {

    private final BackplaneClient client;

    BackplaneClientHandler(BackplaneClient client) {
        this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ChassisFrame frame) {
        client.received(frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.disconnected();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A frame we cannot decode means the connector is broken; treat it like a pulled connector.
        System.err.println("backplane: closing the connection after an error: " + cause);
        ctx.close();
    }
}
