package dev.vrack.common;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;

/**
 * The framing every rack TCP protocol uses: a 4-byte big-endian length, then that many bytes of
 * protobuf. Frames above the limit are refused by the decoder (TooLongFrameException) before any
 * byte of them is parsed.
 */
public final class ProtobufFraming {

    /** Default upper bound of one frame's payload. */
    public static final int DEFAULT_MAX_FRAME = 64 * 1024;

    private ProtobufFraming() {
    }

    /** Adds the frame codec and the protobuf codec for {@code inbound} messages to a pipeline. */
    public static void install(ChannelPipeline pipeline, MessageLite inbound, int maxFrame) {
        pipeline.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(maxFrame + 4, 0, 4, 0, 4, true));
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(4));
        pipeline.addLast("protobufDecoder", new ProtobufDecoder(inbound));
        pipeline.addLast("protobufEncoder", new ProtobufEncoder());
    }
}
