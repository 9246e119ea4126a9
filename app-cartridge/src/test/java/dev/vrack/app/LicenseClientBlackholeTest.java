package dev.vrack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkGate;
import dev.vrack.proto.license.AgentFrame;
import dev.vrack.proto.license.AgentFrame.BodyCase;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.ContinueExecution;
import dev.vrack.proto.license.LicenseProtocolVersion;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.Released;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The license client on a blackholed link, over real Netty: its frames vanish, it stays online and keeps its
 * connection (the carrier is up), and only the unanswered request tells it, after the answer timeout.
 */
class LicenseClientBlackholeTest {

    private static final long ANSWER_TIMEOUT_MS = 300;

    private final AtomicReference<LinkCondition> condition = new AtomicReference<>(LinkCondition.UP);
    private final LinkGate gate = new LinkGate() {
        @Override
        public boolean allowsTraffic() {
            return condition.get().passes();
        }

        @Override
        public LinkCondition condition() {
            return condition.get();
        }
    };
    private final List<Object> answeredTags = new CopyOnWriteArrayList<>();
    private final List<String> offline = new CopyOnWriteArrayList<>();
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private TestLicenseServer server;
    private LicenseClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static AgentFrame.Builder renewal(long lease) {
        return AgentFrame.newBuilder().setContinueExecution(ContinueExecution.newBuilder().setLeaseId(lease));
    }

    private int renewalsReceived() {
        return server.frames(BodyCase.CONTINUE_EXECUTION).size();
    }

    @Test
    void aBlackholeIsFoundOutOnlyByTheSilenceAndTheConnectionSurvivesIt() {
        server = new TestLicenseServer(new InetSocketAddress("127.83.0.1", 0), (frame, connection) ->
                frame.hasContinueExecution() && answering.get()
                        ? ManagerFrame.newBuilder().setReleased(Released.newBuilder().setLeaseId(1)) : null).start();
        AgentHello hello = AgentHello.newBuilder().setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1)
                .setChassisId("CHASSIS-A-0001").setChassis("A").setSlot(3).build();
        client = new LicenseClient(server.address(), null, hello, gate, new LicenseClient.Listener() {
            @Override
            public void answered(ManagerFrame frame, Object tag) {
                answeredTags.add(tag == null ? "forgotten" : tag);
            }

            @Override
            public void pushed(ManagerFrame frame) {
            }

            @Override
            public void offline(String reason) {
                offline.add(reason);
            }
        }, 200, ANSWER_TIMEOUT_MS);
        client.start();
        client.send(renewal(1), "first");
        await().atMost(Duration.ofSeconds(5)).until(() -> answeredTags.contains("first"));

        condition.set(LinkCondition.BLACKHOLE);
        long sent = System.nanoTime();
        client.send(renewal(2), "swallowed");
        await().atMost(Duration.ofSeconds(5)).until(() -> !offline.isEmpty());
        assertThat((System.nanoTime() - sent) / 1_000_000).isGreaterThanOrEqualTo(ANSWER_TIMEOUT_MS - 20);
        assertThat(offline.get(0)).contains("no answer from the license manager").contains("300 ms");
        assertThat(renewalsReceived()).as("the frame vanished").isEqualTo(1);
        assertThat(client.isOnline()).as("the carrier is up: still online").isTrue();
        assertThat(server.closedByAgent()).as("a silent link must not look like a dead holder").isZero();
        assertThat(client.connections()).isEqualTo(1);

        condition.set(LinkCondition.UP);
        client.send(renewal(3), "after");
        await().atMost(Duration.ofSeconds(5)).until(() -> answeredTags.contains("after"));
        assertThat(renewalsReceived()).isEqualTo(2);
        assertThat(client.connections()).isEqualTo(1);
        assertThat(offline).hasSize(1);
    }

    @Test
    void answersKeepComingOnADelayedLinkAndInOrder() {
        server = new TestLicenseServer(new InetSocketAddress("127.83.0.1", 0), (frame, connection) ->
                frame.hasContinueExecution() ? ManagerFrame.newBuilder().setReleased(Released.newBuilder()
                        .setLeaseId(frame.getContinueExecution().getLeaseId())) : null).start();
        AgentHello hello = AgentHello.newBuilder().setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1)
                .setChassisId("CHASSIS-A-0001").setChassis("A").setSlot(3).build();
        List<Long> leases = new CopyOnWriteArrayList<>();
        client = new LicenseClient(server.address(), null, hello, gate, new LicenseClient.Listener() {
            @Override
            public void answered(ManagerFrame frame, Object tag) {
                leases.add(frame.getReleased().getLeaseId());
            }

            @Override
            public void pushed(ManagerFrame frame) {
            }

            @Override
            public void offline(String reason) {
                offline.add(reason);
            }
        }, 200, 5_000);
        condition.set(LinkCondition.impaired(40, 30, 0));
        client.start();
        for (long lease = 1; lease <= 20; lease++) {
            client.send(renewal(lease), lease);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> leases.size() == 20);
        assertThat(leases).isSorted();
        assertThat(offline).isEmpty();
    }
}
