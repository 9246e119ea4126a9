package dev.vrack.chassis;

import dev.vrack.common.MemoryCardFile;
import dev.vrack.proto.backplane.BackplaneVersion;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.ReadIdMemory;
import dev.vrack.proto.backplane.ReadUsbKey;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny real cartridge for the chassis tests (a separate process): reads its nonce, says Hello,
 * reads the ID memory and USB key, reports an address and its findings (as ReportState details,
 * which the tests see in the chassis status), echoes link changes and clock steps, exits on StopRequest (unless
 * its card's label says "ignore-stop"), and halts when the connection drops. A "crash-once" card
 * makes it exit with code 7 right after its first boot.
 */
public final class TestCartridgeMain {

    private static final Map<String, String> details = new LinkedHashMap<>();
    private static long nextId = 1;

    private TestCartridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        int slot = Integer.parseInt(arg(args, "--slot"));
        String[] backplane = arg(args, "--backplane").split(":");
        String nonce = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        FrameSocket socket = connect(backplane[0], Integer.parseInt(backplane[1]));
        try {
            run(socket, slot, nonce);
        } catch (IOException e) {
            // Connection gone: the power is off.
        }
        Runtime.getRuntime().halt(0);
    }

    private static void run(FrameSocket socket, int slot, String nonce) throws IOException {
        socket.send(CartridgeFrame.newBuilder().setRequestId(nextId++).setHello(Hello.newBuilder()
                .setVersion(BackplaneVersion.BACKPLANE_VERSION_1).setNonce(nonce)
                .setPid(ProcessHandle.current().pid())).build());
        ChassisFrame welcome = socket.read();
        if (welcome == null || !welcome.hasWelcome()) {
            System.err.println("not welcomed: " + welcome);
            Runtime.getRuntime().halt(3);
        }
        String label = MemoryCardFile.read(Path.of(welcome.getWelcome().getCardPath())).getLabel();
        echoLink(dev.vrack.common.LinkConditionWire.read(welcome.getWelcome().getLink(),
                welcome.getWelcome().getLinkImpairment()));
        details.put("idMemory", describe(request(socket, CartridgeFrame.newBuilder()
                .setReadIdMemory(ReadIdMemory.getDefaultInstance()))));
        details.put("usbKey", describe(request(socket, CartridgeFrame.newBuilder()
                .setReadUsbKey(ReadUsbKey.getDefaultInstance()))));
        request(socket, CartridgeFrame.newBuilder().setReportAddress(ReportAddress.newBuilder()
                .setIp(System.getProperty("testcart.ipPrefix", "127.0.0.") + (10 + slot))));
        report(socket);
        Path crashMarker = Path.of(welcome.getWelcome().getCardPath() + ".crashed");
        if (label.contains("crash-once") && !java.nio.file.Files.exists(crashMarker)) {
            java.nio.file.Files.createFile(crashMarker);
            System.exit(7);
        }
        while (true) {
            ChassisFrame frame = socket.read();
            if (frame == null) {
                return;
            }
            if (frame.hasLinkState()) {
                echoLink(dev.vrack.common.LinkConditionWire.read(frame.getLinkState().getLink(),
                        frame.getLinkState().getImpairment()));
                report(socket);
            } else if (frame.hasClockStep()) {
                details.put("clockStep", Long.toString(frame.getClockStep().getStepMs()));
                report(socket);
            } else if (frame.hasUsbKeyChanged()) {
                details.put("usbPush", frame.getUsbKeyChanged().getKey().getAttached()
                        ? frame.getUsbKeyChanged().getKey().getKeyId() : "empty");
                report(socket);
            } else if (frame.hasStop()) {
                if (label.contains("ignore-stop")) {
                    details.put("stop", "ignored");
                    report(socket);
                } else {
                    System.exit(0);
                }
            }
        }
    }

    /** Echoes the link: "up", "down" or "blackhole", and the impairment as "delay/jitter/loss" when set. */
    private static void echoLink(dev.vrack.common.LinkCondition link) {
        details.put("link", link.state().wireName());
        if (link.impaired()) {
            details.put("impairment", link.delayMs() + "/" + link.jitterMs() + "/" + link.lossPercent());
        } else {
            details.remove("impairment");
        }
    }

    private static void report(FrameSocket socket) throws IOException {
        socket.send(CartridgeFrame.newBuilder().setRequestId(nextId++)
                .setReportState(ReportState.newBuilder().setState("running").putAllDetails(details)).build());
    }

    /** Sends a request and waits for its answer, handling nothing else meanwhile (only used while booting). */
    private static ChassisFrame request(FrameSocket socket, CartridgeFrame.Builder frame) throws IOException {
        long id = nextId++;
        socket.send(frame.setRequestId(id).build());
        while (true) {
            ChassisFrame answer = socket.read();
            if (answer == null) {
                throw new IOException("connection closed");
            }
            if (answer.getRequestId() == id) {
                return answer;
            }
        }
    }

    private static String describe(ChassisFrame answer) {
        if (answer.hasError()) {
            return answer.getError().getCode() + ": " + answer.getError().getMessage();
        }
        if (answer.hasIdMemory()) {
            return answer.getIdMemory().getChassisId();
        }
        if (answer.hasUsbKey()) {
            return answer.getUsbKey().getAttached() ? "attached" : "empty";
        }
        return answer.getBodyCase().toString();
    }

    private static FrameSocket connect(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return new FrameSocket(host, port, 0);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    Runtime.getRuntime().halt(4);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String arg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
