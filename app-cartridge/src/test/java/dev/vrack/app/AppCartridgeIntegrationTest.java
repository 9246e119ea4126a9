package dev.vrack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.cartridge.Cartridge;
import dev.vrack.cartridge.CartridgeArgs;
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
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.card.MemoryCard;
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

/**
 * Runs the app cartridge's logic against a fake chassis whose hub is the real relay of the dhcp module,
 * and the real DHCP server, on 127.79.0.0/24.
 */
class AppCartridgeIntegrationTest {

    private static final Subnet SUBNET = Subnet.parse("127.79.0.0/24");
    private static final Ipv4Address SERVER = Ipv4Address.parse("127.79.0.1");
    private static final Ipv4Address HUB = Ipv4Address.parse("127.79.0.254");
    private static final String NONCE = "app-nonce";
    private static final int SLOT = 3;

    @TempDir
    Path state;

    private StateLayout layout;
    private EventLog serverEvents;
    private DhcpServer server;
    private HubRelay relay;
    private FakeChassis chassis;
    private Path card;

    @BeforeEach
    void startLan() throws Exception {
        layout = new StateLayout(state);
        int serverPort = FreePorts.udp(SERVER.toString(), HUB.toString());
        int clientPort = FreePorts.udp("127.79.0.10");
        new RackRuntime(serverPort, clientPort, Map.of(), List.of(), 5000).write(layout.runtimeFile());
        serverEvents = EventLog.open(layout.cartridgeEvents("A", 0), "A/0", TimeSource.SYSTEM);
        server = DhcpServer.start(DhcpServerConfig.forSubnet(SUBNET, serverPort, clientPort, layout.leaseFile())
                .withLeaseSeconds(60), serverEvents, LinkGate.ALWAYS_UP, TimeSource.SYSTEM);
        EventLog hubEvents = EventLog.open(layout.chassisEvents("A"), "A", TimeSource.SYSTEM);
        relay = HubRelay.start(new RelayAgent("A", "CHASSIS-A-0001", HUB), HUB, serverPort, SERVER, 8,
                slot -> true, hubEvents);
        card = layout.cardFor("A", SLOT);
        MemoryCardFile.write(card, MemoryCard.newBuilder().setCardId("CARD-A-3").setKind("app")
                .setApplicationId("www").build());
    }

    @AfterEach
    void tearDown() {
        if (chassis != null) {
            chassis.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
        if (serverEvents != null) {
            serverEvents.close();
        }
    }

    private CompletableFuture<Integer> start(String cardPath) throws Exception {
        chassis = new FakeChassis(FakeChassis.welcomeFor(SLOT, false).setHubHost(HUB.toString())
                .setHubPort(relay.slotPort(SLOT)).setCardPath(cardPath).build(), NONCE, "CHASSIS-A-0001").start();
        CartridgeArgs args = CartridgeArgs.parse(new String[] {"--state", state.toString(), "--chassis", "A",
                "--slot", Integer.toString(SLOT), "--backplane", "127.0.0.1:" + chassis.port()});
        Cartridge cartridge = new Cartridge(args, NONCE, new AppCartridge(), reason -> { }, TimeSource.SYSTEM);
        return CompletableFuture.supplyAsync(cartridge::run);
    }

    private List<Event> serverEvents(String type) {
        return EventReader.readFile(layout.cartridgeEvents("A", 0)).stream().filter(e -> e.type().equals(type))
                .toList();
    }

    @Test
    void getsAnAddressThroughTheHubReportsItAndReleasesItOnStop() throws Exception {
        CompletableFuture<Integer> exit = start(card.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> chassis.states().stream()
                .anyMatch(s -> s.getState().equals("up")));
        ReportAddress address = chassis.addresses().get(0);
        Ipv4Address ip = Ipv4Address.parse(address.getIp());
        assertThat(SUBNET.contains(ip)).isTrue();
        assertThat(address.getServerId()).isEqualTo(SERVER.toString());
        assertThat(address.getLeaseExpiresEpochMs()).isGreaterThan(System.currentTimeMillis());
        ReportState up = chassis.states().stream().filter(s -> s.getState().equals("up")).findFirst().orElseThrow();
        assertThat(up.getDetailsMap()).containsEntry("app", "www").containsEntry("chassisId", "")
                .containsEntry("idMemory", "refused");
        assertThat(serverEvents("dhcp.ack")).anySatisfy(e ->
                assertThat(e.details()).containsEntry("ip", ip.toString()).containsEntry("circuit", "A/3"));

        chassis.requestStop(3000);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_STOPPED);
        await().atMost(Duration.ofSeconds(5)).until(() -> !serverEvents("dhcp.release").isEmpty());
        assertThat(serverEvents("dhcp.release").get(0).details()).containsEntry("ip", ip.toString());
    }

    @Test
    void confirmsItsAddressWhenTheLinkComesBack() throws Exception {
        CompletableFuture<Integer> exit = start(card.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chassis.addresses().isEmpty());
        int requestsBefore = serverEvents("dhcp.request").size();

        chassis.pushLink(LinkState.DOWN);
        chassis.pushLink(LinkState.UP);

        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents("dhcp.request").size() > requestsBefore);
        chassis.requestStop(3000);
        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_STOPPED);
    }

    @Test
    void aMissingCardFailsTheBootWithAClearReason() throws Exception {
        CompletableFuture<Integer> exit = start(state.resolve("cards/none.card").toString());

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_FAILED);
        assertThat(EventReader.readFile(layout.cartridgeEvents("A", SLOT))).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("cartridge.failed");
            assertThat((String) e.details().get("reason")).contains("cannot boot from the memory card in slot A/3");
        });
        assertThat(chassis.addresses()).isEmpty();
    }
}
