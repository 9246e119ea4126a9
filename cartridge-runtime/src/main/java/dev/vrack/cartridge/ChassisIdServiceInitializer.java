package dev.vrack.cartridge;

import dev.vrack.common.LinkGate;
import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.chassisid.ChassisIdRequest;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;

/** Builds one chassis ID service connection: a read timeout, framing, protobuf, then the handler. */
final class ChassisIdServiceInitializer extends ChannelInitializer<SocketChannel> {

    /** The service is one request, one answer: a connection silent for this long is dropped. */
    static final int IDLE_SECONDS = 5;
    /** A ChassisIdRequest is a few dozen bytes; anything near this is not one. */
    static final int MAX_FRAME = 1024;

    private final ChassisIdAnswers answers;
    private final LinkGate link;

    ChassisIdServiceInitializer(ChassisIdAnswers answers, LinkGate link) {
        this.answers = answers;
        this.link = link;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        ProtobufFraming.install(channel.pipeline(), ChassisIdRequest.getDefaultInstance(), MAX_FRAME);
        channel.pipeline().addLast("chassisId", new ChassisIdServiceHandler(answers, link));
    }
}
