package dev.vrack.common.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.IntFunction;

/**
 * Aggregates HTTP request bodies up to a limit and answers anything bigger with the server's own 413. The rest of
 * an oversized body is read and dropped before the connection closes (up to a bound), because closing while the
 * client is still sending makes it see a reset instead of the answer.
 */
public final class BoundedBodyAggregator extends HttpObjectAggregator {

    /** How much of an oversized body is drained before giving up on the client and closing. */
    private static final long MAX_DRAIN = 1 << 20;

    private final int maxBody;
    private final IntFunction<FullHttpResponse> tooLarge;
    private boolean closeAfterBody;
    private long drained;

    /**
     * @param tooLarge builds the 413 answer for the limit (the server's JSON error format)
     */
    public BoundedBodyAggregator(int maxBody, IntFunction<FullHttpResponse> tooLarge) {
        super(maxBody);
        this.maxBody = maxBody;
        this.tooLarge = tooLarge;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse answer = tooLarge.apply(maxBody);
        answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(answer);
        closeAfterBody = true;
        drained = 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean last = msg instanceof LastHttpContent;
        if (closeAfterBody && msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        super.channelRead(ctx, msg);
        if (closeAfterBody && (last || drained > MAX_DRAIN)) {
            closeAfterBody = false;
            ctx.close();
        }
    }
}
