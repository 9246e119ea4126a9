package dev.vrack.authority.http;

import dev.vrack.authority.ProviderToken;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the provider's bearer token (except on {@code GET /health}), then runs the request on the work
 * thread (database and signing must not block the I/O threads) and writes the answer.
 */
final class AuthorityHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityHttpHandler.class);

    private final ProviderToken token;
    private final AuthorityRoutes routes;
    private final Executor work;

    AuthorityHttpHandler(ProviderToken token, AuthorityRoutes routes, Executor work) {
        this.token = token;
        this.routes = routes;
        this.work = work;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, HttpAnswer.error(400, "malformed HTTP request", "send HTTP/1.1 with a JSON body"), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String method = request.method().name();
        boolean open = method.equals("GET") && path.equals("/health");
        if (!open && !token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            send(ctx, HttpAnswer.error(401, "missing or wrong bearer token", "send 'Authorization: Bearer <token>' with"
                    + " the token from the provider-token file of the authority's folder"), keepAlive);
            return;
        }
        HttpCall call = new HttpCall(method, path, ByteBufUtil.getBytes(request.content()));
        try {
            work.execute(() -> send(ctx, routes.handle(call), keepAlive));
        } catch (RejectedExecutionException e) {
            send(ctx, HttpAnswer.error(503, "the authority is shutting down", "try again in a moment"), false);
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpAnswer answer, boolean keepAlive) {
        ChannelFuture written = ctx.writeAndFlush(HttpResponses.of(answer, keepAlive));
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
