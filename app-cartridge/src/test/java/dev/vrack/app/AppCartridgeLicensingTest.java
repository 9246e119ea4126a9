package dev.vrack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.vrack.cartridge.Cartridge;
import dev.vrack.cartridge.CartridgeArgs;
import dev.vrack.cartridge.ChassisIdService;
import dev.vrack.cartridge.FakeChassis;
import dev.vrack.cartridge.FreePorts;
import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.LinkGate;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.common.Subnet;
import dev.vrack.common.TimeSource;
import dev.vrack.dhcp.DhcpServer;
import dev.vrack.dhcp.DhcpServerConfig;
import dev.vrack.dhcp.HubRelay;
import dev.vrack.dhcp.RelayAgent;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.card.MemoryCard;
import dev.vrack.proto.license.AgentFrame.BodyCase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole licensing path of an app cartridge in slot 3 (off the I/O bus) with a real version 2 card: DHCP
 * through the hub, the chassis ID asked of slot 0, a seat from the license manager, the www sample decrypted in
 * memory and answering HTTP on the leased address; then a graceful stop: application stopped, seat released,
 * address released, in that order. On 127.84.0.0/24.
 */
class AppCartridgeLicensingTest {

    private static final Subnet SUBNET = Subnet.parse("127.84.0.0/24");
    private static final Ipv4Address SERVER = Ipv4Address.parse("127.84.0.1");
    private static final Ipv4Address HUB = Ipv4Address.parse("127.84.0.254");
    private static final String NONCE = "licensing-nonce";
    private static final int SLOT = 3;

    @TempDir
    Path state;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void getsTheChassisIdASeatAndRunsTheCardsApplicationThenReleasesOnStop() throws Exception {
        StateLayout layout = new StateLayout(state);
        SampleBundle www = SampleBundle.www(state);
        TestLicenseServer manager = new TestLicenseServer(new InetSocketAddress(SERVER.toString(), 0),
                new TestManager(www.key(), 1500)).start();
        cleanup.add(manager);
        ChassisIdService slot0 = ChassisIdService.start(new InetSocketAddress(SERVER.toString(), 0), "A",
                "CHASSIS-A-0001", LinkGate.ALWAYS_UP);
        cleanup.add(slot0);
        int serverPort = FreePorts.udp(SERVER.toString(), HUB.toString());
        int clientPort = FreePorts.udp("127.84.0.10");
        new RackRuntime(serverPort, clientPort, Map.of(), List.of(), 5000, new RackRuntime.Licensing(
                manager.address().getPort(), slot0.address().getPort(), 9100, 1500, 500, 0, 300))
                .write(layout.runtimeFile());
        EventLog serverEvents = EventLog.open(layout.cartridgeEvents("A", 0), "A/0", TimeSource.SYSTEM);
        cleanup.add(serverEvents);
        DhcpServer dhcp = DhcpServer.start(DhcpServerConfig.forSubnet(SUBNET, serverPort, clientPort,
                layout.leaseFile()).withLeaseSeconds(60), serverEvents, LinkGate.ALWAYS_UP, TimeSource.SYSTEM);
        cleanup.add(dhcp);
        EventLog hubEvents = EventLog.open(layout.chassisEvents("A"), "A", TimeSource.SYSTEM);
        cleanup.add(hubEvents);
        HubRelay relay = HubRelay.start(new RelayAgent("A", "CHASSIS-A-0001", HUB), HUB, serverPort, SERVER, 8,
                slot -> true, hubEvents);
        cleanup.add(relay);
        Path card = layout.cardFor("A", SLOT);
        MemoryCardFile.write(card, MemoryCard.newBuilder().setCardId("CARD-A-3").setKind("app")
                .setApplicationId("www").setApplicationBundle(ByteString.copyFrom(www.bytes())).build());
        FakeChassis chassis = new FakeChassis(FakeChassis.welcomeFor(SLOT, false).setHubHost(HUB.toString())
                .setHubPort(relay.slotPort(SLOT)).setCardPath(card.toString()).build(), NONCE, "CHASSIS-A-0001").start();
        cleanup.add(chassis);
        chassis.setSlotAddress(0, SERVER.toString());
        CartridgeArgs args = CartridgeArgs.parse(new String[] {"--state", state.toString(), "--chassis", "A",
                "--slot", Integer.toString(SLOT), "--backplane", "127.0.0.1:" + chassis.port()});
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                new Cartridge(args, NONCE, new AppCartridge(), reason -> { }, TimeSource.SYSTEM)::run);

        await().atMost(Duration.ofSeconds(20)).until(() -> !events(layout, "app.started").isEmpty());
        String ip = chassis.addresses().get(0).getIp();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(ip).contains("www served by chassis A slot 3"));
        assertThat(get(ip)).contains("CHASSIS-A-0001");
        assertThat(manager.received().get(0).frame().getHello().getSlot()).isEqualTo(SLOT);
        assertThat(manager.frames(BodyCase.REQUEST_EXECUTION).get(0).getRequestExecution().getChassisId())
                .isEqualTo("CHASSIS-A-0001");
        await().atMost(Duration.ofSeconds(5)).until(() -> chassis.states().stream()
                .anyMatch(s -> "running".equals(s.getDetailsMap().get("license"))));
        ReportState running = chassis.states().stream()
                .filter(s -> "running".equals(s.getDetailsMap().get("license"))).findFirst().orElseThrow();
        assertThat(running.getDetailsMap()).containsEntry("app", "www").containsEntry("chassisId", "CHASSIS-A-0001")
                .containsEntry("idMemory", "asked-slot-0");

        chassis.requestStop(3000);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_STOPPED);
        assertThat(events(layout, "app.stopped")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("app", "www"));
        assertThat(manager.frames(BodyCase.TERMINATE_EXECUTION)).hasSize(1);
        long terminated = manager.received().stream().filter(r -> r.frame().hasTerminateExecution())
                .findFirst().orElseThrow().nanos();
        await().atMost(Duration.ofSeconds(5)).until(() -> EventReader.readFile(layout.cartridgeEvents("A", 0))
                .stream().anyMatch(e -> e.type().equals("dhcp.release")));
        Event release = EventReader.readFile(layout.cartridgeEvents("A", 0)).stream()
                .filter(e -> e.type().equals("dhcp.release")).findFirst().orElseThrow();
        assertThat(release.mono()).isGreaterThan(terminated);
        assertThat(get(ip)).isEmpty();
    }

    private static List<Event> events(StateLayout layout, String type) {
        return EventReader.readFile(layout.cartridgeEvents("A", SLOT)).stream().filter(e -> e.type().equals(type))
                .toList();
    }

    private static String get(String ip) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() + " " + answer.body();
        } catch (Exception e) {
            return "";
        }
    }
}
