package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.StopRequest;
import dev.vrack.proto.backplane.Welcome;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackplaneClientTest {

    private static final String NONCE = "n0nce-1";

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<String> powerLosses = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private FakeChassis chassis(boolean ioBus) {
        FakeChassis chassis = new FakeChassis(FakeChassis.welcomeFor(ioBus ? 0 : 3, ioBus).build(), NONCE,
                "CHASSIS-A-0001").start();
        cleanup.add(chassis);
        return chassis;
    }

    private BackplaneClient client(InetSocketAddress address, Duration requestTimeout) {
        BackplaneClient client = new BackplaneClient(address, powerLosses::add, requestTimeout);
        cleanup.add(client);
        return client;
    }

    @Test
    void handshakeDeliversTheWelcomeToListenersFirst() throws Exception {
        FakeChassis chassis = chassis(false);
        List<Welcome> welcomes = new CopyOnWriteArrayList<>();
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.addListener(new BackplaneListener() {
            @Override
            public void welcomed(Welcome welcome) {
                welcomes.add(welcome);
            }
        });

        Welcome welcome = client.connect(NONCE, 4242, Duration.ofSeconds(5));

        assertThat(welcome.getChassis()).isEqualTo("A");
        assertThat(welcome.getSlot()).isEqualTo(3);
        assertThat(welcomes).containsExactly(welcome);
        assertThat(client.welcome()).isEqualTo(welcome);
        assertThat(chassis.hellos()).singleElement().satisfies(hello -> {
            assertThat(hello.getNonce()).isEqualTo(NONCE);
            assertThat(hello.getPid()).isEqualTo(4242);
        });
    }

    @Test
    void aWrongNonceIsRefusedWithTheChassisReason() {
        FakeChassis chassis = chassis(false);
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.connect("not-the-nonce", 1, Duration.ofSeconds(5)))
                .isInstanceOf(BackplaneException.class)
                .hasMessageContaining("BAD_NONCE")
                .satisfies(e -> assertThat(((BackplaneException) e).code()).isEqualTo(ErrorCode.BAD_NONCE));
        assertThat(powerLosses).as("a refused handshake is not a power loss").isEmpty();
    }

    @Test
    void requestsGetTheirOwnAnswers() throws Exception {
        FakeChassis chassis = chassis(false);
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.connect(NONCE, 1, Duration.ofSeconds(5));

        CompletableFuture<Void> state = client.reportState("up", Map.of("app", "www"));
        CompletableFuture<Void> address = client.reportAddress(ReportAddress.newBuilder().setIp("127.79.0.10")
                .setServerId("127.79.0.1").setLeaseExpiresEpochMs(123).build());
        CompletableFuture<ChassisIdReading> id = client.readIdMemory();

        state.get(5, TimeUnit.SECONDS);
        address.get(5, TimeUnit.SECONDS);
        assertThat(id.get(5, TimeUnit.SECONDS).refused()).isTrue();
        assertThat(id.get().reason()).contains("not wired to the I/O bus");
        assertThat(chassis.states()).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo("up");
            assertThat(s.getDetailsMap()).containsEntry("app", "www");
        });
        assertThat(chassis.addresses()).singleElement().satisfies(a -> assertThat(a.getIp()).isEqualTo("127.79.0.10"));
    }

    @Test
    void anIoBusSlotReadsTheChassisId() throws Exception {
        FakeChassis chassis = chassis(true);
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.connect(NONCE, 1, Duration.ofSeconds(5));

        ChassisIdReading reading = client.readIdMemory().get(5, TimeUnit.SECONDS);

        assertThat(reading.refused()).isFalse();
        assertThat(reading.chassisId()).isEqualTo("CHASSIS-A-0001");
    }

    @Test
    void aRequestWithoutAnswerTimesOut() throws Exception {
        FakeChassis chassis = chassis(false);
        BackplaneClient client = client(chassis.address(), Duration.ofMillis(300));
        client.connect(NONCE, 1, Duration.ofSeconds(5));
        chassis.silence();

        CompletableFuture<ChassisFrame> answer = client.request(dev.vrack.proto.backplane.CartridgeFrame.newBuilder()
                .setReadIdMemory(dev.vrack.proto.backplane.ReadIdMemory.getDefaultInstance()));

        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackplaneException.class).hasMessageContaining("within 300 ms");
    }

    @Test
    void pushesReachTheListeners() throws Exception {
        FakeChassis chassis = chassis(false);
        List<LinkState> links = new CopyOnWriteArrayList<>();
        List<StopRequest> stops = new CopyOnWriteArrayList<>();
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.addListener(new BackplaneListener() {
            @Override
            public void linkStateChanged(LinkStateChanged change) {
                links.add(change.getLink());
            }

            @Override
            public void stopRequested(StopRequest stop) {
                stops.add(stop);
            }
        });
        client.connect(NONCE, 1, Duration.ofSeconds(5));

        chassis.pushLink(LinkState.DOWN);
        chassis.pushLink(LinkState.UP);
        chassis.requestStop(1500);

        await().atMost(Duration.ofSeconds(5)).until(() -> stops.size() == 1);
        assertThat(links).containsExactly(LinkState.DOWN, LinkState.UP);
        assertThat(stops.get(0).getDeadlineMs()).isEqualTo(1500);
    }

    @Test
    void theChassisClosingTheConnectionIsAPowerLoss() throws Exception {
        FakeChassis chassis = chassis(false);
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.connect(NONCE, 1, Duration.ofSeconds(5));

        chassis.cutPower();

        await().atMost(Duration.ofSeconds(5)).until(() -> powerLosses.size() == 1);
        assertThat(powerLosses.get(0)).contains("closed the backplane connection");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void closingOnPurposeIsNotAPowerLoss() throws Exception {
        FakeChassis chassis = chassis(false);
        BackplaneClient client = client(chassis.address(), Duration.ofSeconds(5));
        client.connect(NONCE, 1, Duration.ofSeconds(5));

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !chassis.cartridgeConnected());
        assertThat(powerLosses).isEmpty();
    }

    @Test
    void keepsTryingUntilTheConnectorOpens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        FakeChassis late = new FakeChassis(FakeChassis.welcomeFor(2, false).build(), NONCE, "X");
        cleanup.add(late);
        BackplaneClient client = client(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(5));
        CompletableFuture<Welcome> welcome = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(NONCE, 1, Duration.ofSeconds(10));
            } catch (BackplaneException e) {
                throw new IllegalStateException(e);
            }
        });
        // Start the connector only once the client has failed at least once.
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> !welcome.isDone());
        late.start(port);

        assertThat(welcome.get(10, TimeUnit.SECONDS).getSlot()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheConnectWindow() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        BackplaneClient client = client(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.connect(NONCE, 1, Duration.ofMillis(600)))
                .isInstanceOf(BackplaneException.class)
                .hasMessageContaining("cannot reach the chassis connector at 127.0.0.1:" + port + " within 600 ms");
    }
}
