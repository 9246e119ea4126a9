package dev.vrack.app;

import com.google.protobuf.ByteString;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.Denied;
import dev.vrack.proto.license.Granted;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.ManagerWelcome;
import dev.vrack.proto.license.Queued;
import dev.vrack.proto.license.Released;
import dev.vrack.proto.license.SeatGranted;
import java.util.concurrent.atomic.AtomicLong;

/** A license manager's answers for tests: grants with the key wrapped for the request, renews, releases. */
final class TestManager implements TestLicenseServer.Responder {

    private final ApplicationDecryptionKey key;
    private final long ttlMs;
    private final AtomicLong leases = new AtomicLong(100);
    volatile DenialCode denyRenewals;
    volatile boolean queueRequests;

    TestManager(ApplicationDecryptionKey key, long ttlMs) {
        this.key = key;
        this.ttlMs = ttlMs;
    }

    @Override
    public ManagerFrame.Builder answer(AgentFrame frame, int connection) {
        return switch (frame.getBodyCase()) {
            case HELLO -> ManagerFrame.newBuilder().setWelcome(ManagerWelcome.newBuilder().setSessionId(connection)
                    .setLeaseTtlMs(ttlMs));
            case REQUEST_EXECUTION -> queueRequests
                    ? ManagerFrame.newBuilder().setQueued(Queued.newBuilder().setPosition(1))
                    : ManagerFrame.newBuilder().setGranted(Granted.newBuilder().setLeaseId(leases.incrementAndGet())
                            .setTtlMs(ttlMs).setWrappedKey(wrapFor(frame.getRequestExecution().getAgentPublicKey())));
            case CONTINUE_EXECUTION -> denyRenewals != null
                    ? ManagerFrame.newBuilder().setDenied(Denied.newBuilder().setCode(denyRenewals)
                            .setMessage("test manager denies renewals"))
                    : ManagerFrame.newBuilder().setGranted(Granted.newBuilder()
                            .setLeaseId(frame.getContinueExecution().getLeaseId()).setTtlMs(ttlMs));
            case TERMINATE_EXECUTION -> ManagerFrame.newBuilder().setReleased(Released.newBuilder()
                    .setLeaseId(frame.getTerminateExecution().getLeaseId()));
            default -> null;
        };
    }

    /** The push a manager sends when a seat frees for a request that waited. */
    ManagerFrame.Builder seatFor(AgentFrame waitingRequest) {
        return ManagerFrame.newBuilder().setSeatGranted(SeatGranted.newBuilder()
                .setForRequestId(waitingRequest.getRequestId()).setLeaseId(leases.incrementAndGet()).setTtlMs(ttlMs)
                .setWrappedKey(wrapFor(waitingRequest.getRequestExecution().getAgentPublicKey())));
    }

    private ByteString wrapFor(ByteString agentPublicKey) {
        return ByteString.copyFrom(AgentKeyPair.wrap(key, agentPublicKey.toByteArray()));
    }
}
