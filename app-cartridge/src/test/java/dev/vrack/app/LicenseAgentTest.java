package dev.vrack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.agent.AgentCore;
import dev.vrack.agent.AgentTiming;
import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
import dev.vrack.common.TimeSource;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentFrame.BodyCase;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.SuspendNow;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The license agent on the wire against a small license manager over real Netty, running the real www sample
 * decrypted in memory on 127.83.0.x. Leases are short (1.5 s) so the lease deadline shows within a test.
 */
class LicenseAgentTest {

    private static final String MANAGER_IP = "127.83.0.1";
    private static final long TTL_MS = 1500;
    private static final long RETRY_MS = 300;

    @TempDir
    static Path shared;
    private static SampleBundle www;

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final AtomicBoolean link = new AtomicBoolean(true);
    private TestManager manager;
    private TestLicenseServer server;
    private LicenseAgent agent;
    private LicenseClient client;
    private Path eventFile;
    private String appIp;

    @BeforeAll
    static void sealTheSample() throws Exception {
        www = SampleBundle.www(shared);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private void startAgent(String ip) throws Exception {
        appIp = ip;
        manager = new TestManager(www.key(), TTL_MS);
        server = new TestLicenseServer(new InetSocketAddress(MANAGER_IP, 0), manager).start();
        cleanup.add(server);
        eventFile = dir.resolve("events.jsonl");
        EventLog events = EventLog.open(eventFile, "A/3", TimeSource.SYSTEM);
        cleanup.add(events);
        AgentCore core = new AgentCore("www", "CHASSIS-A-0001", new AgentTiming(TTL_MS / 3, TTL_MS / 10, RETRY_MS));
        agent = new LicenseAgent(core, "CHASSIS-A-0001", events, () -> System.nanoTime() / 1_000_000, (s, r) -> { });
        AgentHello hello = AgentHello.newBuilder().setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1)
                .setChassisId("CHASSIS-A-0001").setChassis("A").setSlot(3).build();
        InetAddress address = InetAddress.getByName(ip);
        client = new LicenseClient(server.address(), address, hello, link::get, agent, RETRY_MS);
        ApplicationRuntime runtime = new ApplicationRuntime("www", www.bytes(), "test card",
                new CartridgeAppContext(address, "A", 3, "CHASSIS-A-0001", events, agent::permitted), events,
                agent::applicationFailed);
        agent.attach(client, runtime);
        cleanup.add(agent);
        agent.start();
    }

    private List<Event> events(String type) {
        return EventReader.readFile(eventFile).stream().filter(e -> e.type().equals(type)).toList();
    }

    private int get() {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + appIp + ":8080/"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitRunning(int starts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> events("app.started").size() >= starts && get() == 200);
    }

    @Test
    void saysHelloThenGetsASeatStartsTheApplicationInMemoryAndRenews() throws Exception {
        startAgent("127.83.0.11");

        awaitRunning(1);

        List<TestLicenseServer.Received> frames = server.received();
        assertThat(frames.get(0).frame().getBodyCase()).isEqualTo(BodyCase.HELLO);
        assertThat(frames.get(0).frame().getHello().getChassis()).isEqualTo("A");
        AgentFrame request = server.frames(BodyCase.REQUEST_EXECUTION).get(0);
        assertThat(request.getRequestExecution().getAppId()).isEqualTo("www");
        assertThat(request.getRequestExecution().getChassisId()).isEqualTo("CHASSIS-A-0001");
        assertThat(request.getRequestExecution().getAgentPublicKey().size()).isEqualTo(32);
        assertThat(events("app.started").get(0).details()).containsEntry("app", "www").containsKey("lease");
        // The sample's classes exist only in the bundle: the application was decrypted and defined in memory.
        assertThatClassIsNotOnTheClasspath();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.frames(BodyCase.CONTINUE_EXECUTION).size() >= 3);
        long previous = 0;
        for (TestLicenseServer.Received received : server.received()) {
            assertThat(received.frame().getRequestId()).isGreaterThan(previous);
            previous = received.frame().getRequestId();
        }
        assertThat(agent.permitted()).isTrue();
        assertThat(events("app.suspended")).isEmpty();
        assertThat(events("agent.state")).extracting(e -> e.details().get("state"))
                .containsSubsequence("requesting", "running");
    }

    private static void assertThatClassIsNotOnTheClasspath() {
        String entry = www.encrypted().stream().filter(c -> c.contains("WwwApplication")).findFirst().orElseThrow();
        assertThat(LicenseAgentTest.class.getClassLoader().getResource(entry)).isNull();
    }

    @Test
    void aDeniedRenewalSuspendsAtOnceAndARenewedGrantResumes() throws Exception {
        startAgent("127.83.0.12");
        awaitRunning(1);

        manager.denyRenewals = DenialCode.NO_KEY;

        await().atMost(Duration.ofSeconds(5)).until(() -> !events("app.suspended").isEmpty());
        assertThat((String) events("app.suspended").get(0).details().get("reason")).contains("NO_KEY");
        assertThat(agent.permitted()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> get() == -1);

        manager.denyRenewals = null;

        awaitRunning(2);
        assertThat(agent.permitted()).isTrue();
    }

    @Test
    void aDroppedConnectionKeepsRunningUntilJustBeforeTheLeaseEndsThenAReconnectResumes() throws Exception {
        startAgent("127.83.0.13");
        awaitRunning(1);
        InetSocketAddress address = server.address();

        server.goAway();
        long lastRenewalNanos = server.received().get(server.received().size() - 1).nanos();

        assertThat(agent.permitted()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !events("app.suspended").isEmpty());
        Event suspended = events("app.suspended").get(0);
        assertThat((String) suspended.details().get("reason")).contains("lease could not be renewed");
        assertThat(suspended.mono()).isLessThan(lastRenewalNanos + TTL_MS * 1_000_000);
        assertThat(agent.permitted()).isFalse();

        TestLicenseServer back = new TestLicenseServer(address, manager).start();
        cleanup.add(back);

        awaitRunning(2);
        assertThat(back.received().get(0).frame().getBodyCase()).isEqualTo(BodyCase.HELLO);
        // Renewed (the lease had not run out on the manager's clock yet) or requested anew: either way on the wire.
        assertThat(back.received()).hasSizeGreaterThan(1);
    }

    @Test
    void suspendNowSuspendsAndTheNextGrantResumes() throws Exception {
        startAgent("127.83.0.14");
        awaitRunning(1);
        long lease = ((Number) events("app.started").get(0).details().get("lease")).longValue();

        server.push(ManagerFrame.newBuilder().setSuspendNow(SuspendNow.newBuilder().setLeaseId(lease)
                .setReason("released by an administrator")));

        await().atMost(Duration.ofSeconds(5)).until(() -> !events("app.suspended").isEmpty());
        assertThat((String) events("app.suspended").get(0).details().get("reason"))
                .contains("released by an administrator");
        awaitRunning(2);
        assertThat(((Number) events("app.started").get(1).details().get("lease")).longValue()).isNotEqualTo(lease);
    }

    @Test
    void aQueuedRequestStartsOnlyOnceThePushedSeatIsConfirmed() throws Exception {
        startAgent("127.83.0.15");
        awaitRunning(1);
        // From now on every seat is taken: the next request waits in line.
        manager.queueRequests = true;
        server.push(ManagerFrame.newBuilder().setSuspendNow(SuspendNow.newBuilder()
                .setLeaseId(((Number) events("app.started").get(0).details().get("lease")).longValue())));
        await().atMost(Duration.ofSeconds(5)).until(() -> events("agent.state").stream()
                .anyMatch(e -> "waiting".equals(e.details().get("state"))));
        assertThat(events("app.started")).hasSize(1);

        AgentFrame waiting = server.frames(BodyCase.REQUEST_EXECUTION).get(
                server.frames(BodyCase.REQUEST_EXECUTION).size() - 1);
        int renewalsBefore = server.frames(BodyCase.CONTINUE_EXECUTION).size();
        server.push(manager.seatFor(waiting));

        awaitRunning(2);
        assertThat(server.frames(BodyCase.CONTINUE_EXECUTION).size()).isGreaterThan(renewalsBefore);
    }

    @Test
    void aCutLinkMutesTheConnectionWithoutClosingItAndTheLinkBackResumes() throws Exception {
        startAgent("127.83.0.16");
        awaitRunning(1);

        link.set(false);
        client.linkChanged(false);
        int framesAtCut = server.received().size();

        await().atMost(Duration.ofSeconds(5)).until(() -> !events("app.suspended").isEmpty());
        assertThat(server.received().size()).isLessThanOrEqualTo(framesAtCut + 1);
        assertThat(server.closedByAgent()).isZero();

        link.set(true);
        client.linkChanged(true);

        awaitRunning(2);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aGracefulStopStopsTheApplicationAndReleasesTheSeat() throws Exception {
        startAgent("127.83.0.17");
        awaitRunning(1);

        agent.stop("cartridge stopping", 2000);

        assertThat(server.frames(BodyCase.TERMINATE_EXECUTION)).hasSize(1);
        assertThat(events("app.stopped")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "cartridge stopping"));
        assertThat(events("agent.state").get(events("agent.state").size() - 1).details())
                .containsEntry("state", "stopped");
        assertThat(get()).isEqualTo(-1);
    }
}
