package dev.vrack.chassis.control;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to a limit and answers anything bigger with a JSON 413, then closes. */
final class JsonBodyAggregator extends HttpObjectAggregator {

    private final int maxBody;

    JsonBodyAggregator(int maxBody) {
        super(maxBody);
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(HttpAnswers.json(ControlResponse.error(413, "request body is larger than " + maxBody
                        + " bytes", "control requests are small JSON objects; check what is being sent"), false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
