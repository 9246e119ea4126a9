package dev.vrack.authority.http;

import dev.vrack.authority.ProviderToken;
import dev.vrack.common.http.BoundedBodyAggregator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.Executor;

/** Pipeline of a connection: HTTP codec, a 64 KiB body limit, the handler; idle connections are closed. */
final class AuthorityServerInitializer extends ChannelInitializer<SocketChannel> {

    /** Request bodies are small JSON objects; anything bigger is refused. */
    static final int MAX_BODY = 64 * 1024;
    /** A client that sends nothing for this long is dropped, so slow clients cannot hold connections forever. */
    static final int IDLE_SECONDS = 60;

    private final ProviderToken token;
    private final AuthorityRoutes routes;
    private final Executor work;

    AuthorityServerInitializer(ProviderToken token, AuthorityRoutes routes, Executor work) {
        this.token = token;
        this.routes = routes;
        this.work = work;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS))
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("aggregator", new BoundedBodyAggregator(MAX_BODY, max -> HttpResponses.of(HttpAnswer.error(413,
                        "request body is larger than " + max + " bytes",
                        "a license request is a small JSON object; check what is being sent"), false)))
                .addLast("authority", new AuthorityHttpHandler(token, routes, work));
    }
}
