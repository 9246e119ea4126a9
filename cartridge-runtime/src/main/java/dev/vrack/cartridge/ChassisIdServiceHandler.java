package dev.vrack.cartridge;

import dev.vrack.common.LinkGate;
import dev.vrack.proto.chassisid.ChassisIdRequest;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutException;

/** Answers one ChassisIdRequest and closes; drops requests while the slot's link is down, as a cut cable would. */
@ChannelHandler.Sharable
final class ChassisIdServiceHandler extends SimpleChannelInboundHandler<ChassisIdRequest> {

    private final ChassisIdAnswers answers;
    private final LinkGate link;

    ChassisIdServiceHandler(ChassisIdAnswers answers, LinkGate link) {
        this.answers = answers;
        this.link = link;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ChassisIdRequest request) {
        if (!link.allowsTraffic()) {
            // Nothing received while the link is down: the asker times out and retries.
            return;
        }
        ctx.writeAndFlush(answers.answer(request)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Garbage, an oversized frame or a silent asker: drop that connection only, keep serving.
        if (!(cause instanceof ReadTimeoutException)) {
            System.err.println("chassis ID service: closing a connection from " + ctx.channel().remoteAddress()
                    + " after bad input: " + cause.getMessage());
        }
        ctx.close();
    }
}
