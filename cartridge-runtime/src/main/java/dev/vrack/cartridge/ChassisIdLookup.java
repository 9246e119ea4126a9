package dev.vrack.cartridge;

import dev.vrack.common.LinkGate;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.LocateSlot;
import dev.vrack.proto.chassisid.ChassisIdAnswer;
import dev.vrack.proto.chassisid.ChassisIdRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a cartridge off the I/O bus learns its chassis ID (FIG. 28): ask the chassis where slot 0 is on the
 * LAN (backplane LocateSlot), then ask the chassis ID service there. Slot 0 may still be booting, so it
 * retries with a growing pause until its patience runs out. Blocking: call it off any event loop.
 */
public final class ChassisIdLookup {

    /** The slot whose cartridge reads the ID memory and serves the chassis ID. */
    public static final int ID_SLOT = 0;

    private static final long FIRST_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2_000;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int ANSWER_TIMEOUT_MS = 3_000;
    private static final int MAX_ANSWER = 4096;

    private final BackplaneClient backplane;
    private final String chassis;
    private final int chassisIdPort;
    private final LinkGate link;
    private final InetAddress localAddress;

    /**
     * @param chassis       this cartridge's chassis name (the service answers only its own chassis)
     * @param chassisIdPort runtime.json {@code chassisIdPort}
     * @param link          the slot's link: nothing is sent while it is down
     * @param localAddress  the cartridge's LAN address to ask from, or null for any
     */
    public ChassisIdLookup(BackplaneClient backplane, String chassis, int chassisIdPort, LinkGate link,
                           InetAddress localAddress) {
        this.backplane = backplane;
        this.chassis = chassis;
        this.chassisIdPort = chassisIdPort;
        this.link = link;
        this.localAddress = localAddress;
    }

    /** Asks until an answer comes or {@code patience} has passed. */
    public String lookup(Duration patience) throws ChassisIdException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            Attempt attempt = attempt();
            if (attempt.chassisId() != null) {
                return attempt.chassisId();
            }
            String lastProblem = attempt.problem();
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                throw new ChassisIdException("cannot learn the chassis ID of chassis " + chassis + " within "
                        + patience.toMillis() + " ms: " + lastProblem + ". Check that a cartridge is seated and "
                        + "powered in slot " + ID_SLOT + " (it reads the ID memory and serves the ID on port "
                        + chassisIdPort + ") and that both slots' links are up");
            }
            Thread.sleep(Math.min(pause, leftMs));
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    /** One try: the chassis ID, or why there is none yet (worth retrying). */
    private record Attempt(String chassisId, String problem) {
        static Attempt failed(String problem) {
            return new Attempt(null, problem);
        }
    }

    private Attempt attempt() throws ChassisIdException, InterruptedException {
        if (!link.allowsTraffic()) {
            return Attempt.failed("this slot's link is down");
        }
        String ip = locateIdSlot();
        if (ip.isEmpty()) {
            return Attempt.failed("slot " + ID_SLOT + " of chassis " + chassis + " has no LAN address yet");
        }
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(ip, chassisIdPort), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            byte[] request = ChassisIdRequest.newBuilder().setVersion(ChassisIdAnswers.VERSION)
                    .setAskingChassis(chassis).build().toByteArray();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            if (length < 0 || length > MAX_ANSWER) {
                throw new ChassisIdException("the chassis ID service at " + ip + ":" + chassisIdPort
                        + " sent a frame of " + length + " bytes; an answer is at most " + MAX_ANSWER);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            if (!link.allowsTraffic()) {
                // The link went down while the answer was on its way: it never arrived.
                return Attempt.failed("this slot's link went down while asking");
            }
            ChassisIdAnswer answer = ChassisIdAnswer.parseFrom(bytes);
            if (!answer.getError().isEmpty()) {
                throw new ChassisIdException("the slot-" + ID_SLOT + " cartridge of chassis " + chassis + " at " + ip
                        + " refused to give the chassis ID: " + answer.getError());
            }
            if (answer.getChassisId().isBlank()) {
                throw new ChassisIdException("the slot-" + ID_SLOT + " cartridge of chassis " + chassis + " at " + ip
                        + " answered an empty chassis ID");
            }
            return new Attempt(answer.getChassisId(), null);
        } catch (IOException e) {
            return Attempt.failed("the chassis ID service at " + ip + ":" + chassisIdPort + " did not answer ("
                    + e.getMessage() + ")");
        }
    }

    private String locateIdSlot() throws ChassisIdException, InterruptedException {
        ChassisFrame answer;
        try {
            answer = backplane.request(CartridgeFrame.newBuilder()
                    .setLocateSlot(LocateSlot.newBuilder().setSlot(ID_SLOT))).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ChassisIdException("cannot ask the chassis where slot " + ID_SLOT + " is: "
                    + Cartridge.describe(e), e);
        }
        if (answer.hasSlotLocation()) {
            return answer.getSlotLocation().getIp();
        }
        if (answer.hasError()) {
            String hint = answer.getError().getCode() == ErrorCode.BAD_REQUEST
                    ? " (the chassis does not know LocateSlot: is it older than the licensing release?)" : "";
            throw new ChassisIdException("the chassis refused LocateSlot(" + ID_SLOT + "): "
                    + answer.getError().getCode() + " " + answer.getError().getMessage() + hint);
        }
        throw new ChassisIdException("the chassis answered LocateSlot with " + answer.getBodyCase()
                + " instead of a SlotLocation");
    }
}
