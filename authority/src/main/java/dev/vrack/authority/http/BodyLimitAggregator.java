package dev.vrack.authority.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to a limit; anything bigger gets a JSON 413 and the connection is closed. */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final int maxBody;

    BodyLimitAggregator(int maxBody) {
        super(maxBody);
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(HttpResponses.of(HttpAnswer.error(413, "request body is larger than " + maxBody + " bytes",
                        "a license request is a small JSON object; check what is being sent"), false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
