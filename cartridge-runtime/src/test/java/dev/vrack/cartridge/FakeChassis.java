package dev.vrack.cartridge;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.backplane.Ack;
import dev.vrack.proto.backplane.BackplaneError;
import dev.vrack.proto.backplane.BackplaneVersion;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.IdMemoryContent;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.backplane.StopRequest;
import dev.vrack.proto.backplane.UsbKeyInfo;
import dev.vrack.proto.backplane.Welcome;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The chassis side of one slot connector, for tests: checks the Hello's nonce, sends a Welcome,
 * answers requests as a chassis does, records what the cartridge reported, and pushes on demand.
 */
public final class FakeChassis implements AutoCloseable {

    private final Welcome welcome;
    private final String nonce;
    private final String chassisId;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final List<Hello> hellos = new CopyOnWriteArrayList<>();
    private final List<ReportState> states = new CopyOnWriteArrayList<>();
    private final List<ReportAddress> addresses = new CopyOnWriteArrayList<>();
    private final java.util.Map<Integer, String> slotAddresses = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger locateRequests = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Channel server;
    private volatile Channel cartridge;
    private volatile boolean silent;

    public FakeChassis(Welcome welcome, String nonce, String chassisId) {
        this.welcome = welcome;
        this.nonce = nonce;
        this.chassisId = chassisId;
    }

    /** A Welcome for slot {@code slot} of chassis A in rack "test". */
    public static Welcome.Builder welcomeFor(int slot, boolean ioBus) {
        return Welcome.newBuilder().setRack("test").setChassis("A").setSlot(slot).setHubHost("127.0.0.1")
                .setHubPort(9).setLink(LinkState.UP).setIoBus(ioBus)
                .setMac(com.google.protobuf.ByteString.copyFrom(new byte[] {2, 0, 0, 0, 0, (byte) slot}));
    }

    /** Binds the connector on 127.0.0.1 at {@code port} (0 for any free port). */
    public FakeChassis start(int port) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ProtobufFraming.install(channel.pipeline(), CartridgeFrame.getDefaultInstance(),
                                ProtobufFraming.DEFAULT_MAX_FRAME);
                        channel.pipeline().addLast(new Handler());
                    }
                });
        server = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        return this;
    }

    public FakeChassis start() {
        return start(0);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Stops answering requests (to test timeouts). */
    public void silence() {
        silent = true;
    }

    public List<Hello> hellos() {
        return hellos;
    }

    public List<ReportState> states() {
        return states;
    }

    public List<ReportAddress> addresses() {
        return addresses;
    }

    /** The LAN address LocateSlot answers for {@code slot} (none: an empty address). */
    public void setSlotAddress(int slot, String ip) {
        slotAddresses.put(slot, ip);
    }

    /** How many LocateSlot requests the cartridge sent. */
    public int locateRequests() {
        return locateRequests.get();
    }

    public boolean cartridgeConnected() {
        Channel current = cartridge;
        return current != null && current.isActive();
    }

    public void pushLink(LinkState link) {
        push(ChassisFrame.newBuilder().setLinkState(LinkStateChanged.newBuilder().setLink(link)).build());
    }

    public void requestStop(int deadlineMs) {
        push(ChassisFrame.newBuilder().setStop(StopRequest.newBuilder().setDeadlineMs(deadlineMs)
                .setReason("test")).build());
    }

    /** Closes the cartridge's connection from the chassis side: a power cut. */
    public void cutPower() {
        Channel current = cartridge;
        if (current != null) {
            current.close().syncUninterruptibly();
        }
    }

    private void push(ChassisFrame frame) {
        Channel current = cartridge;
        if (current == null) {
            throw new IllegalStateException("no cartridge connected");
        }
        current.writeAndFlush(frame).syncUninterruptibly();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        cutPower();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<CartridgeFrame> {

        private boolean welcomed;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, CartridgeFrame frame) {
            if (!welcomed) {
                hello(ctx, frame);
                return;
            }
            if (silent) {
                return;
            }
            ChassisFrame.Builder answer = ChassisFrame.newBuilder().setRequestId(frame.getRequestId());
            switch (frame.getBodyCase()) {
                case READ_ID_MEMORY -> {
                    if (welcome.getIoBus()) {
                        answer.setIdMemory(IdMemoryContent.newBuilder().setChassisId(chassisId));
                    } else {
                        answer.setError(error(ErrorCode.NO_SUCH_DEVICE, "no such device on this slot's bus: slot "
                                + welcome.getSlot() + " is not wired to the I/O bus of chassis " + welcome.getChassis()));
                    }
                }
                case LOCATE_SLOT -> {
                    locateRequests.incrementAndGet();
                    int slot = frame.getLocateSlot().getSlot();
                    answer.setSlotLocation(dev.vrack.proto.backplane.SlotLocation.newBuilder().setSlot(slot)
                            .setIp(slotAddresses.getOrDefault(slot, "")));
                }
                case READ_USB_KEY -> answer.setUsbKey(UsbKeyInfo.newBuilder().setAttached(false));
                case REPORT_ADDRESS -> {
                    addresses.add(frame.getReportAddress());
                    answer.setAck(Ack.getDefaultInstance());
                }
                case REPORT_STATE -> {
                    states.add(frame.getReportState());
                    answer.setAck(Ack.getDefaultInstance());
                }
                default -> answer.setError(error(ErrorCode.BAD_REQUEST, "unexpected " + frame.getBodyCase()));
            }
            ctx.writeAndFlush(answer.build());
        }

        private void hello(ChannelHandlerContext ctx, CartridgeFrame frame) {
            if (!frame.hasHello()) {
                ctx.writeAndFlush(ChassisFrame.newBuilder().setError(error(ErrorCode.BAD_REQUEST, "expected Hello"))
                        .build()).addListener(f -> ctx.close());
                return;
            }
            hellos.add(frame.getHello());
            if (frame.getHello().getVersion() != BackplaneVersion.BACKPLANE_VERSION_1) {
                ctx.writeAndFlush(ChassisFrame.newBuilder().setRequestId(frame.getRequestId())
                        .setError(error(ErrorCode.UNSUPPORTED_VERSION, "only version 1")).build())
                        .addListener(f -> ctx.close());
                return;
            }
            if (!frame.getHello().getNonce().equals(nonce)) {
                ctx.writeAndFlush(ChassisFrame.newBuilder().setRequestId(frame.getRequestId())
                        .setError(error(ErrorCode.BAD_NONCE, "the nonce does not match this slot's power-on nonce"))
                        .build()).addListener(f -> ctx.close());
                return;
            }
            welcomed = true;
            cartridge = ctx.channel();
            ctx.writeAndFlush(ChassisFrame.newBuilder().setRequestId(frame.getRequestId()).setWelcome(welcome).build());
        }

        private BackplaneError error(ErrorCode code, String message) {
            return BackplaneError.newBuilder().setCode(code).setMessage(message).build();
        }
    }
}
