package dev.vrack.mgmt.license;

import com.google.protobuf.ByteString;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.ContinueExecution;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.RequestExecution;
import dev.vrack.proto.license.TerminateExecution;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test agent over a plain socket: sends AgentFrames, collects ManagerFrames on a reader thread. */
final class AgentClient implements AutoCloseable {

    private final Socket socket;
    private final DataOutputStream out;
    private final BlockingQueue<ManagerFrame> received = new LinkedBlockingQueue<>();
    private volatile boolean closedByPeer;
    private long nextId = 1;

    AgentClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5_000);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    received.add(ManagerFrame.parseFrom(bytes));
                }
            } catch (IOException e) {
                closedByPeer = true;
            }
        }, "test-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and says hello for chassis A, CHASSIS-A-TEST, this slot; returns the Welcome frame. */
    static AgentClient connected(InetSocketAddress server, int slot) throws Exception {
        AgentClient agent = new AgentClient(server);
        agent.send(AgentFrame.newBuilder().setHello(AgentHello.newBuilder()
                .setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1).setChassis("A")
                .setChassisId(LicenseFixture.CHASSIS_ID).setSlot(slot)));
        ManagerFrame welcome = agent.next();
        if (!welcome.hasWelcome()) {
            throw new IllegalStateException("no welcome: " + welcome);
        }
        return agent;
    }

    /** Sends with the next request id; returns that id. */
    synchronized long send(AgentFrame.Builder frame) throws IOException {
        long id = nextId++;
        sendWithId(frame, id);
        return id;
    }

    synchronized void sendWithId(AgentFrame.Builder frame, long id) throws IOException {
        byte[] bytes = frame.setRequestId(id).build().toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    long request(String app, byte[] agentPublicKey, boolean queueIfBusy) throws IOException {
        return send(AgentFrame.newBuilder().setRequestExecution(RequestExecution.newBuilder().setAppId(app)
                .setChassisId(LicenseFixture.CHASSIS_ID).setAgentPublicKey(ByteString.copyFrom(agentPublicKey))
                .setQueueIfBusy(queueIfBusy)));
    }

    long renew(long leaseId) throws IOException {
        return send(AgentFrame.newBuilder().setContinueExecution(ContinueExecution.newBuilder().setLeaseId(leaseId)
                .setChassisId(LicenseFixture.CHASSIS_ID)));
    }

    long terminate(long leaseId) throws IOException {
        return send(AgentFrame.newBuilder().setTerminateExecution(TerminateExecution.newBuilder().setLeaseId(leaseId)));
    }

    /** The next frame from the manager, waiting up to 5 s. */
    ManagerFrame next() throws InterruptedException {
        return next(5_000);
    }

    ManagerFrame next(long timeoutMs) throws InterruptedException {
        ManagerFrame frame = received.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the manager within " + timeoutMs + " ms");
        }
        return frame;
    }

    /** A frame if one arrives within the time, else null. */
    ManagerFrame poll(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean closedByPeer() {
        return closedByPeer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
