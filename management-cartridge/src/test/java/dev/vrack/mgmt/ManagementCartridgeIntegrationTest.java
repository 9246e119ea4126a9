package dev.vrack.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.cartridge.Cartridge;
import dev.vrack.cartridge.CartridgeArgs;
import dev.vrack.cartridge.FakeChassis;
import dev.vrack.cartridge.FreePorts;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.dhcp.DhcpMessageType;
import dev.vrack.dhcp.DhcpOptions;
import dev.vrack.dhcp.DhcpPacket;
import dev.vrack.dhcp.DhcpPacketCodec;
import dev.vrack.dhcp.RelayAgent;
import dev.vrack.dhcp.RelayOutcome;
import dev.vrack.proto.backplane.ReportState;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the management cartridge's logic against a fake chassis, with its real DHCP server on 127.79.1.0/24. */
class ManagementCartridgeIntegrationTest {

    private static final String SERVER = "127.79.1.1";
    private static final String HUB = "127.79.1.254";
    private static final String NONCE = "mgmt-nonce";

    @TempDir
    Path state;

    private int serverPort;
    private int clientPort;
    private FakeChassis chassis;

    @BeforeEach
    void writeRack() throws Exception {
        serverPort = FreePorts.udp(SERVER, HUB);
        clientPort = FreePorts.udp(SERVER);
        StateLayout layout = new StateLayout(state);
        Files.writeString(layout.rackFile(), """
                name: mgmt-test
                subnet: 127.79.1.0/24
                dhcp:
                  leaseSeconds: 60
                chassis:
                  - name: A
                    chassisId: CHASSIS-A-0001
                    slots: 4
                    hubAddress: %s
                    cartridges:
                      - {slot: 0, kind: management}
                      - {slot: 2, kind: app, card: www, address: 127.79.1.30}
                """.formatted(HUB));
        new RackRuntime(serverPort, clientPort, Map.of(), List.of(), 5000).write(layout.runtimeFile());
    }

    @AfterEach
    void tearDown() {
        if (chassis != null) {
            chassis.close();
        }
    }

    private CompletableFuture<Integer> start(int slot, boolean ioBus) throws Exception {
        return start(slot, ioBus, new ManagementCartridge());
    }

    private CompletableFuture<Integer> start(int slot, boolean ioBus, ManagementCartridge program) throws Exception {
        chassis = new FakeChassis(FakeChassis.welcomeFor(slot, ioBus).build(), NONCE, "CHASSIS-A-0001").start();
        CartridgeArgs args = CartridgeArgs.parse(new String[] {"--state", state.toString(), "--chassis", "A",
                "--slot", Integer.toString(slot), "--backplane", "127.0.0.1:" + chassis.port()});
        Cartridge cartridge = new Cartridge(args, NONCE, program, reason -> { }, TimeSource.SYSTEM);
        return CompletableFuture.supplyAsync(cartridge::run);
    }

    @Test
    void servesDhcpOnTheServerAddressAndStopsOnRequest() throws Exception {
        CompletableFuture<Integer> exit = start(0, true);

        await().atMost(Duration.ofSeconds(20)).until(() -> chassis.states().stream()
                .anyMatch(s -> s.getState().equals("up")));
        assertThat(chassis.addresses()).singleElement().satisfies(a -> assertThat(a.getIp()).isEqualTo(SERVER));
        ReportState up = chassis.states().stream().filter(s -> s.getState().equals("up")).findFirst().orElseThrow();
        assertThat(up.getDetailsMap()).containsEntry("role", "dhcp-server")
                .containsEntry("chassisId", "CHASSIS-A-0001");

        // A DISCOVER relayed by chassis A's hub for slot 2 must be offered slot 2's fixed address.
        DhcpPacket offer = relayedDiscoverFromSlot2();
        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(offer.yiaddr()).isEqualTo(Ipv4Address.parse("127.79.1.30"));

        chassis.requestStop(3000);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_STOPPED);
        // The server's socket is gone: the address and port can be bound again.
        try (DatagramSocket rebind = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(SERVER),
                serverPort))) {
            assertThat(rebind.getLocalPort()).isEqualTo(serverPort);
        }
    }

    private DhcpPacket relayedDiscoverFromSlot2() throws Exception {
        DhcpPacket discover = DhcpPacket.builder()
                .xid(0x1234abcd)
                .hardwareAddress(new byte[] {2, 0, 0, 0, 0, 2})
                .options(DhcpOptions.empty().withMessageType(DhcpMessageType.DISCOVER))
                .build();
        RelayOutcome relayed = new RelayAgent("A", "CHASSIS-A-0001", Ipv4Address.parse(HUB)).fromClient(2, discover);
        byte[] bytes = DhcpPacketCodec.encode(((RelayOutcome.Forward) relayed).packet());
        try (DatagramSocket hub = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HUB), serverPort))) {
            hub.setSoTimeout(5000);
            hub.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(SERVER), serverPort));
            byte[] buffer = new byte[DhcpPacketCodec.MAX_LENGTH];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            hub.receive(answer);
            return DhcpPacketCodec.decode(answer.getData(), answer.getOffset(), answer.getLength());
        }
    }

    @Test
    void refusesToRunOffTheIoBus() throws Exception {
        CompletableFuture<Integer> exit = start(3, false);

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_FAILED);
        List<Event> events = EventReader.readFile(new StateLayout(state).cartridgeEvents("A", 3));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("cartridge.failed");
            assertThat((String) e.details().get("reason")).contains("I/O bus");
        });
        assertThat(chassis.states()).noneMatch(s -> s.getState().equals("up"));
    }

    @Test
    void anUnknownTestFaultIsRefusedAtBoot() throws Exception {
        CompletableFuture<Integer> exit = start(0, true, new ManagementCartridge(
                name -> name.equals("VRACK_TEST_FAULTS") ? "skip-count-check,skip-everything" : null));

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_FAILED);
        List<Event> events = EventReader.readFile(new StateLayout(state).cartridgeEvents("A", 0));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("cartridge.failed");
            assertThat((String) e.details().get("reason")).contains("license-manager")
                    .contains("VRACK_TEST_FAULTS").contains("\"skip-everything\"").contains("skip-count-check");
        });
        assertThat(events).noneMatch(e -> e.type().equals("manager.test-fault"));
        assertThat(chassis.states()).noneMatch(s -> s.getState().equals("up"));
    }
}
