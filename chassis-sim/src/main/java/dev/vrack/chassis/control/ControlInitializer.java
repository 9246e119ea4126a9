package dev.vrack.chassis.control;

import dev.vrack.common.http.BoundedBodyAggregator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.Executor;

/** Pipeline of a control connection: HTTP codec, body aggregation with a size limit, the handler. */
final class ControlInitializer extends ChannelInitializer<SocketChannel> {

    /** Control bodies are small JSON objects; anything bigger is refused unread. */
    static final int MAX_BODY = 64 * 1024;

    private final String token;
    private final ControlRoutes routes;
    private final Executor actions;

    ControlInitializer(String token, ControlRoutes routes, Executor actions) {
        this.token = token;
        this.routes = routes;
        this.actions = actions;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new BoundedBodyAggregator(MAX_BODY, max -> HttpAnswers.json(ControlResponse.error(413,
                        "request body is larger than " + max + " bytes",
                        "control requests are small JSON objects; check what is being sent"), false)))
                .addLast("control", new ControlHandler(token, routes, actions));
    }
}
