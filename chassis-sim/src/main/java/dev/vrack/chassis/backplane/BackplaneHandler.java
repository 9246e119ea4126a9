package dev.vrack.chassis.backplane;

import dev.vrack.proto.backplane.Ack;
import dev.vrack.proto.backplane.BackplaneError;
import dev.vrack.proto.backplane.BackplaneVersion;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backplane connection of one slot: the Hello handshake, then the cartridge's requests. A
 * refused handshake or a broken frame closes this connection only.
 */
final class BackplaneHandler extends SimpleChannelInboundHandler<CartridgeFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(BackplaneHandler.class);
    /** A cartridge has this long to say Hello, the same bound the cartridge gives itself to connect. */
    static final long HELLO_TIMEOUT_MS = 10_000;

    private final String chassis;
    private final int slot;
    private final BackplaneServices services;
    private final SlotConnections connections;
    private long generation = -1;
    private ScheduledFuture<?> helloTimeout;

    BackplaneHandler(String chassis, int slot, BackplaneServices services, SlotConnections connections) {
        this.chassis = chassis;
        this.slot = slot;
        this.services = services;
        this.connections = connections;
    }

    private boolean welcomed() {
        return generation >= 0;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        helloTimeout = ctx.executor().schedule(() -> {
            if (!welcomed() && ctx.channel().isActive()) {
                refuseAndClose(ctx, 0, ErrorCode.BAD_REQUEST, "no Hello within " + HELLO_TIMEOUT_MS
                        + " ms on the connector of slot " + slot + " of chassis " + chassis);
            }
        }, HELLO_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (helloTimeout != null) {
            helloTimeout.cancel(false);
        }
        connections.unregister(slot, ctx.channel());
        if (welcomed()) {
            LOG.info("slot {}: backplane connection closed", slot);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CartridgeFrame frame) {
        if (!welcomed()) {
            handshake(ctx, frame);
            return;
        }
        long id = frame.getRequestId();
        try {
            ChassisFrame.Builder answer = ChassisFrame.newBuilder().setRequestId(id);
            switch (frame.getBodyCase()) {
                case READ_ID_MEMORY -> answer.setIdMemory(services.readIdMemory(slot));
                case READ_USB_KEY -> answer.setUsbKey(services.readUsbKey(slot));
                case REPORT_ADDRESS -> {
                    services.reportAddress(slot, generation, frame.getReportAddress());
                    answer.setAck(Ack.getDefaultInstance());
                }
                case REPORT_STATE -> {
                    services.reportState(slot, generation, frame.getReportState());
                    answer.setAck(Ack.getDefaultInstance());
                }
                case OPEN_LICENSE -> answer.setLicenseOpened(services.openLicense(slot, frame.getOpenLicense()));
                case WRAP_APPLICATION_KEY -> answer.setWrappedKey(
                        services.wrapApplicationKey(slot, frame.getWrapApplicationKey()));
                case LOCATE_SLOT -> answer.setSlotLocation(services.locateSlot(slot, frame.getLocateSlot()));
                case HELLO -> throw new BackplaneRefusal(ErrorCode.BAD_REQUEST,
                        "this connection already said Hello and was welcomed; send requests now");
                default -> throw new BackplaneRefusal(ErrorCode.BAD_REQUEST,
                        "frame carries no request; expected ReadIdMemory, ReadUsbKey, ReportAddress, ReportState, "
                                + "OpenLicense, WrapApplicationKey or LocateSlot");
            }
            ctx.writeAndFlush(answer.build());
        } catch (BackplaneRefusal refusal) {
            ctx.writeAndFlush(error(id, refusal.code(), refusal.getMessage()));
        } catch (RuntimeException e) {
            // A bug in one request must not take the connection, let alone the chassis, down.
            LOG.warn("slot {}: request {} failed", slot, frame.getBodyCase(), e);
            ctx.writeAndFlush(error(id, ErrorCode.BAD_REQUEST, "request failed: " + e.getMessage()));
        }
    }

    private void handshake(ChannelHandlerContext ctx, CartridgeFrame frame) {
        long id = frame.getRequestId();
        if (!frame.hasHello()) {
            refuseAndClose(ctx, id, ErrorCode.BAD_REQUEST, "the first frame on a backplane connection must be Hello, got "
                    + frame.getBodyCase());
            return;
        }
        if (frame.getHello().getVersion() != BackplaneVersion.BACKPLANE_VERSION_1) {
            refuseAndClose(ctx, id, ErrorCode.UNSUPPORTED_VERSION, "backplane version "
                    + frame.getHello().getVersionValue() + " is not supported; this chassis speaks version 1");
            return;
        }
        if (connections.get(slot) != null && connections.get(slot).isActive()) {
            refuseAndClose(ctx, id, ErrorCode.BAD_REQUEST, "slot " + slot + " of chassis " + chassis
                    + " already has a live backplane connection; one connection per slot");
            return;
        }
        Admission admission;
        try {
            admission = services.admit(slot, frame.getHello());
        } catch (BackplaneRefusal refusal) {
            refuseAndClose(ctx, id, refusal.code(), refusal.getMessage());
            return;
        }
        if (!connections.register(slot, ctx.channel())) {
            refuseAndClose(ctx, id, ErrorCode.BAD_REQUEST, "slot " + slot + " of chassis " + chassis
                    + " already has a live backplane connection; one connection per slot");
            return;
        }
        generation = admission.generation();
        helloTimeout.cancel(false);
        LOG.info("slot {}: cartridge pid {} connected", slot, frame.getHello().getPid());
        ctx.writeAndFlush(ChassisFrame.newBuilder().setRequestId(id).setWelcome(admission.welcome()).build());
    }

    private void refuseAndClose(ChannelHandlerContext ctx, long id, ErrorCode code, String message) {
        LOG.warn("slot {}: refusing backplane connection from {}: {}", slot, ctx.channel().remoteAddress(), message);
        ctx.writeAndFlush(error(id, code, message)).addListener(ChannelFutureListener.CLOSE);
    }

    private static ChassisFrame error(long id, ErrorCode code, String message) {
        return ChassisFrame.newBuilder().setRequestId(id)
                .setError(BackplaneError.newBuilder().setCode(code).setMessage(message)).build();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Oversized or unparsable frames land here: drop this connection, keep serving the others.
        LOG.warn("slot {}: closing backplane connection from {}: {}", slot, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
