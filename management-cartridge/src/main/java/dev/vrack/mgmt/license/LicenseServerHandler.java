package dev.vrack.mgmt.license;

import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.ManagerWelcome;
import dev.vrack.proto.license.ProtocolError;
import dev.vrack.proto.license.ProtocolErrorCode;
import dev.vrack.proto.license.RequestExecution;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One agent connection: AgentHello first, then requests whose IDs strictly increase (a replay is refused
 * and not acted upon, the connection stays). A frame that cannot be read closes this connection only.
 */
final class LicenseServerHandler extends SimpleChannelInboundHandler<AgentFrame> {

    /** A connection that has not said AgentHello by then is closed. */
    static final long HELLO_TIMEOUT_MS = 10_000;
    private static final int X25519_KEY_BYTES = 32;

    private final LicenseManager manager;
    private AgentSession session;
    private long lastRequestId;
    private ScheduledFuture<?> helloTimeout;

    LicenseServerHandler(LicenseManager manager) {
        this.manager = manager;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        helloTimeout = ctx.executor().schedule(() -> {
            if (session == null) {
                refuseAndClose(ctx, 0, ProtocolErrorCode.NOT_HELLO, "no AgentHello within " + HELLO_TIMEOUT_MS + " ms");
            }
        }, HELLO_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        helloTimeout.cancel(false);
        if (session != null) {
            manager.closed(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AgentFrame frame) {
        long id = frame.getRequestId();
        if (session == null) {
            hello(ctx, frame);
            return;
        }
        if (id <= lastRequestId) {
            error(ctx, id, ProtocolErrorCode.REPLAYED, "request id " + id + " is not greater than " + lastRequestId
                    + ", the last one on this connection: a replayed or duplicated frame is not acted upon; "
                    + "number every request higher than the one before");
            return;
        }
        lastRequestId = id;
        switch (frame.getBodyCase()) {
            case REQUEST_EXECUTION -> {
                String problem = problemWith(frame.getRequestExecution());
                if (problem != null) {
                    error(ctx, id, ProtocolErrorCode.MALFORMED, problem);
                } else {
                    manager.requestExecution(session, id, frame.getRequestExecution(), System.nanoTime());
                }
            }
            case CONTINUE_EXECUTION -> manager.continueExecution(session, id, frame.getContinueExecution());
            case TERMINATE_EXECUTION -> manager.terminate(session, id, frame.getTerminateExecution());
            case HELLO -> error(ctx, id, ProtocolErrorCode.MALFORMED,
                    "this connection already said AgentHello (session " + session.id() + "); send requests now");
            default -> error(ctx, id, ProtocolErrorCode.MALFORMED, "the frame carries no request; expected "
                    + "RequestExecution, ContinueExecution or TerminateExecution");
        }
    }

    private static String problemWith(RequestExecution request) {
        if (request.getAppId().isBlank()) {
            return "RequestExecution without app_id: name the application to run";
        }
        if (request.getAgentPublicKey().size() != X25519_KEY_BYTES) {
            return "RequestExecution agent_public_key has " + request.getAgentPublicKey().size() + " bytes; it must be "
                    + "a fresh X25519 public key of " + X25519_KEY_BYTES + " bytes";
        }
        return null;
    }

    private void hello(ChannelHandlerContext ctx, AgentFrame frame) {
        long id = frame.getRequestId();
        if (!frame.hasHello()) {
            refuseAndClose(ctx, id, ProtocolErrorCode.NOT_HELLO, "the first frame of a license connection must be "
                    + "AgentHello, got " + frame.getBodyCase());
            return;
        }
        if (frame.getHello().getVersion() != LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1) {
            refuseAndClose(ctx, id, ProtocolErrorCode.UNSUPPORTED_VERSION, "license protocol version "
                    + frame.getHello().getVersionValue() + " is not supported; this manager speaks version 1");
            return;
        }
        if (frame.getHello().getChassis().isBlank()) {
            refuseAndClose(ctx, id, ProtocolErrorCode.MALFORMED, "AgentHello without a chassis name: "
                    + "say which chassis and slot the agent runs in (e.g. chassis \"A\", slot 3)");
            return;
        }
        helloTimeout.cancel(false);
        session = manager.open(ctx.channel(), frame.getHello());
        lastRequestId = id;
        ctx.writeAndFlush(ManagerFrame.newBuilder().setRequestId(id).setWelcome(ManagerWelcome.newBuilder()
                .setSessionId(session.id()).setLeaseTtlMs(manager.ttlMs())).build());
    }

    private static void error(ChannelHandlerContext ctx, long id, ProtocolErrorCode code, String message) {
        ctx.writeAndFlush(errorFrame(id, code, message));
    }

    private void refuseAndClose(ChannelHandlerContext ctx, long id, ProtocolErrorCode code, String message) {
        if (session != null) {
            session.markClosedByManager();
        }
        ctx.writeAndFlush(errorFrame(id, code, message)).addListener(ChannelFutureListener.CLOSE);
    }

    private static ManagerFrame errorFrame(long id, ProtocolErrorCode code, String message) {
        return ManagerFrame.newBuilder().setRequestId(id)
                .setError(ProtocolError.newBuilder().setCode(code).setMessage(message)).build();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isActive()) {
            return;
        }
        // An oversized or unreadable frame: this connection's framing can no longer be trusted, the others are fine.
        boolean tooLarge = cause instanceof TooLongFrameException
                || cause.getCause() instanceof TooLongFrameException;
        refuseAndClose(ctx, 0, tooLarge ? ProtocolErrorCode.TOO_LARGE : ProtocolErrorCode.MALFORMED, tooLarge
                ? "frame larger than the 64 KiB limit; the connection is closed"
                : "unreadable frame (" + cause.getClass().getSimpleName() + "); the connection is closed");
    }
}
