package dev.vrack.chassis.control;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bearer token, then runs the request on the action threads (a graceful pull may wait
 * seconds; the I/O threads must not) and writes the JSON answer.
 */
final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    private final byte[] expectedAuthorization;
    private final ControlRoutes routes;
    private final Executor actions;

    ControlHandler(String token, ControlRoutes routes, Executor actions) {
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.routes = routes;
        this.actions = actions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, ControlResponse.error(400, "malformed HTTP request: " + request.decoderResult().cause(),
                    "send HTTP/1.1 with a JSON body"), false);
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        if (!MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
            send(ctx, ControlResponse.error(401, "missing or wrong bearer token",
                    "send 'Authorization: Bearer <token>' with the token from the control-token file of the rack's "
                            + "state folder"), keepAlive);
            return;
        }
        ControlRequest control = new ControlRequest(request.method().name(),
                new QueryStringDecoder(request.uri()).path(), ByteBufUtil.getBytes(request.content()));
        try {
            actions.execute(() -> send(ctx, routes.handle(control), keepAlive));
        } catch (RejectedExecutionException e) {
            send(ctx, ControlResponse.error(503, "the chassis is shutting down or has too many requests in flight",
                    "try again in a moment"), false);
        }
    }

    private static void send(ChannelHandlerContext ctx, ControlResponse answer, boolean keepAlive) {
        ChannelFuture written = ctx.writeAndFlush(HttpAnswers.json(answer, keepAlive));
        written.addListener(f -> answer.afterSent().run());
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("control connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
