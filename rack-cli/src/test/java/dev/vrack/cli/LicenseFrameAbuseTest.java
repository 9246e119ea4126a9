package dev.vrack.cli;

import static dev.vrack.cli.FaultRack.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.vrack.common.ProtobufFraming;
import dev.vrack.common.RackRuntime;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.ProtocolErrorCode;
import dev.vrack.proto.license.RequestExecution;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Malformed, oversized and replayed frames against a running manager process (issue 4), over raw TCP to its
 * license port (the DHCP server's address and {@code licensePort} of runtime.json, as the agents find it): each
 * is refused as license.proto says, and the manager keeps serving everyone else: same process, the holders
 * keep their seats, a freed seat still goes to the waiter, and {@code rack check} passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenseFrameAbuseTest {

    private static final String CHASSIS_ID = "CHASSIS-FA-0001";
    private static final String RACK = FaultRack.licensedRack("frame-abuse", "127.158.0.0/24", "CHASSIS-FA-0001", 8, 3, 2);
    private static final int READ_TIMEOUT_MS = 5_000;

    private FaultRack rack;

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("frame-abuse", RACK, "--lease-ttl-ms", "3000", "--safety-margin-ms", "500",
                "--retry-ms", "500");
        await().atMost(Duration.ofSeconds(60)).until(() -> rack.running().size() == 2 && rack.waiting().size() == 1);
    }

    @AfterAll
    void down() {
        if (rack != null) {
            rack.down();
        }
    }

    /** Where the agents find the manager: the DHCP server's address (slot 0's) and the rack's licensePort. */
    private InetSocketAddress managerAddress() throws IOException {
        int port = RackRuntime.read(rack.rackDir().resolve("runtime.json")).licensing().licensePort();
        return new InetSocketAddress(rack.ip("A", 0), port);
    }

    /** A raw connection to the manager: bytes out, length-prefixed ManagerFrames in. */
    private static final class Raw implements AutoCloseable {
        final Socket socket = new Socket();
        final DataInputStream in;
        final OutputStream out;

        Raw(InetSocketAddress manager) throws IOException {
            socket.connect(manager, 2_000);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void send(AgentFrame frame) throws IOException {
            send(framed(frame));
        }

        ManagerFrame next() throws IOException {
            int length = in.readInt();
            assertThat(length).isBetween(0, ProtobufFraming.DEFAULT_MAX_FRAME);
            byte[] body = new byte[length];
            in.readFully(body);
            return ManagerFrame.parseFrom(body);
        }

        /** The manager closed the connection: the next read ends the stream (within the read timeout). */
        boolean closedByManager() throws IOException {
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the peer: closed as well
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static byte[] framed(AgentFrame frame) {
        byte[] body = frame.toByteArray();
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    static AgentFrame hello(long id, LicenseProtocolVersion version, int slot) {
        return AgentFrame.newBuilder().setRequestId(id).setHello(AgentHello.newBuilder().setVersion(version)
                .setChassis("A").setChassisId(CHASSIS_ID).setSlot(slot)).build();
    }

    /** A valid request as an agent sends it (the frame an eavesdropper would have captured on the LAN). */
    static AgentFrame capturedRequest() {
        return AgentFrame.newBuilder().setRequestId(2).setRequestExecution(RequestExecution.newBuilder()
                .setAppId("www").setChassisId(CHASSIS_ID).setAgentPublicKey(ByteString.copyFrom(new byte[32]))
                .setQueueIfBusy(true)).build();
    }

    private static ProtocolErrorCode refusal(Raw connection) throws IOException {
        ManagerFrame answer = connection.next();
        assertThat(answer.hasError()).as(answer.toString()).isTrue();
        assertThat(answer.getError().getMessage()).isNotBlank();
        return answer.getError().getCode();
    }

    @Test
    void hostileFramesAreRefusedAndTheManagerKeepsServingEveryoneElse() throws Exception {
        long managerPid = rack.pid("A", 0);
        List<Integer> holders = rack.running();
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        InetSocketAddress manager = managerAddress();

        try (Raw garbage = new Raw(manager)) {
            garbage.send(new byte[] {0, 0, 0, 6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
            assertThat(refusal(garbage)).isEqualTo(ProtocolErrorCode.MALFORMED);
            assertThat(garbage.closedByManager()).isTrue();
        }
        try (Raw oversized = new Raw(manager)) {
            oversized.send(ByteBuffer.allocate(4).putInt(ProtobufFraming.DEFAULT_MAX_FRAME + 1).array());
            assertThat(refusal(oversized)).isEqualTo(ProtocolErrorCode.TOO_LARGE);
            assertThat(oversized.closedByManager()).isTrue();
        }
        try (Raw wrongVersion = new Raw(manager)) {
            wrongVersion.send(hello(1, LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_UNSPECIFIED, 9));
            assertThat(refusal(wrongVersion)).isEqualTo(ProtocolErrorCode.UNSUPPORTED_VERSION);
            assertThat(wrongVersion.closedByManager()).isTrue();
        }
        // The captured request replayed on a new connection: no AgentHello first, so no session and no seat.
        try (Raw replay = new Raw(manager)) {
            replay.send(capturedRequest());
            assertThat(refusal(replay)).isEqualTo(ProtocolErrorCode.NOT_HELLO);
            assertThat(replay.closedByManager()).isTrue();
        }
        // ...and after an AgentHello numbered past it: its request id is not greater, so it is not acted upon.
        try (Raw replayAfterHello = new Raw(manager)) {
            replayAfterHello.send(hello(5, LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1, 9));
            assertThat(replayAfterHello.next().hasWelcome()).isTrue();
            replayAfterHello.send(capturedRequest());
            assertThat(refusal(replayAfterHello)).isEqualTo(ProtocolErrorCode.REPLAYED);
            assertThat(replayAfterHello.closedByManager()).as("a replay is refused; the connection stays").isFalse();
        }

        // The same manager process, the holders still hold their seats and renew them, nobody was reclaimed.
        assertThat(rack.pid("A", 0)).isEqualTo(managerPid);
        assertThat(ProcessHandle.of(managerPid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(rack.running()).isEqualTo(holders);
        for (int slot : holders) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    rack.first("license.renewed", before, detail("holder", "A/" + slot)).isPresent());
        }
        assertThat(rack.events("license.reclaimed", e -> e.mono() >= before)).isEmpty();
        assertThat(rack.events("license.requested", e -> e.mono() >= before && "A/9".equals(e.details().get("holder"))))
                .as("no replayed request reached a determination").isEmpty();

        // A freed seat still goes to the waiter.
        int freed = holders.get(0);
        int waiter = waiters.get(0);
        rack.ok("pull", "A/" + freed);
        await().atMost(Duration.ofSeconds(15)).until(() -> rack.running().contains(waiter));
        assertThat(rack.first("license.granted", before, detail("holder", "A/" + waiter))).isPresent();

        rack.checkValid();
    }
}
