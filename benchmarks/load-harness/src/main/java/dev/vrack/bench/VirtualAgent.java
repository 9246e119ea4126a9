package dev.vrack.bench;

import com.google.protobuf.ByteString;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.ContinueExecution;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.RequestExecution;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One virtual agent: a real TCP connection speaking license.proto as an app cartridge's agent would (hello,
 * requests, renewals), with each answer completing the future of the request id it echoes.
 */
final class VirtualAgent extends SimpleChannelInboundHandler<ManagerFrame> {

    private final int slot;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<ManagerFrame>> pending = new ConcurrentHashMap<>();
    private volatile Channel channel;

    VirtualAgent(int slot) {
        this.slot = slot;
    }

    void bind(Channel connected) {
        this.channel = connected;
    }

    /** Hello as slot {@code slot} of chassis A; completes with the Welcome. */
    CompletableFuture<ManagerFrame> hello() {
        return send(AgentFrame.newBuilder().setHello(AgentHello.newBuilder()
                .setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1).setChassis("A")
                .setChassisId(InProcessManager.CHASSIS_ID).setSlot(slot)));
    }

    CompletableFuture<ManagerFrame> request(String app, byte[] publicKey) {
        return send(AgentFrame.newBuilder().setRequestExecution(RequestExecution.newBuilder().setAppId(app)
                .setChassisId(InProcessManager.CHASSIS_ID).setAgentPublicKey(ByteString.copyFrom(publicKey))
                .setQueueIfBusy(false)));
    }

    CompletableFuture<ManagerFrame> renew(long lease) {
        return send(AgentFrame.newBuilder().setContinueExecution(ContinueExecution.newBuilder().setLeaseId(lease)
                .setChassisId(InProcessManager.CHASSIS_ID)));
    }

    private synchronized CompletableFuture<ManagerFrame> send(AgentFrame.Builder frame) {
        // Ids must increase per connection: taken and written under one lock.
        long id = nextId.getAndIncrement();
        CompletableFuture<ManagerFrame> answer = new CompletableFuture<>();
        pending.put(id, answer);
        channel.writeAndFlush(frame.setRequestId(id).build());
        return answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ManagerFrame frame) {
        CompletableFuture<ManagerFrame> answer = pending.remove(frame.getRequestId());
        if (answer != null) {
            answer.complete(frame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed")));
        pending.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
