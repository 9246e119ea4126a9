package dev.vrack.mgmt.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.license.LeasePolicy;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.ManagerFrame;
import dev.vrack.proto.license.ProtocolErrorCode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The license server on real sockets with real crypto: grants, the wait line, reclaims and hostile frames. */
class LicenseServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private LicenseFixture fixture;
    private final List<AgentClient> agents = new ArrayList<>();

    private LicenseFixture start(LeasePolicy policy, int wwwCount) throws Exception {
        fixture = new LicenseFixture(dir, policy);
        if (wwwCount > 0) {
            fixture.writeLicense("www.lic", wwwCount);
            await().atMost(WAIT).until(() -> !fixture.events("license.loaded").isEmpty());
        }
        return fixture;
    }

    private AgentClient agent(int slot) throws Exception {
        AgentClient agent = AgentClient.connected(fixture.address(), slot);
        agents.add(agent);
        return agent;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AgentClient agent : agents) {
            agent.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Requests www and returns the Granted frame after checking its wrapped key opens to www's key. */
    private ManagerFrame granted(AgentClient agent) throws Exception {
        AgentKeyPair key = AgentKeyPair.generate();
        long id = agent.request("www", key.publicKey(), true);
        ManagerFrame answer = agent.next();
        assertThat(answer.getRequestId()).isEqualTo(id);
        assertThat(answer.hasGranted()).as(answer.toString()).isTrue();
        assertThat(key.unwrap(answer.getGranted().getWrappedKey().toByteArray(), "www").toBytes())
                .isEqualTo(fixture.www.decryptionKey().toBytes());
        return answer;
    }

    @Test
    void grantsUpToTheCountThenQueues() throws Exception {
        start(LeasePolicy.defaults(), 2);
        ManagerFrame first = granted(agent(1));
        ManagerFrame second = granted(agent(2));
        assertThat(first.getGranted().getLeaseId()).isNotEqualTo(second.getGranted().getLeaseId());
        assertThat(first.getGranted().getTtlMs()).isEqualTo(10_000);

        AgentClient third = agent(3);
        third.request("www", AgentKeyPair.generate().publicKey(), true);
        ManagerFrame queued = third.next();
        assertThat(queued.hasQueued()).as(queued.toString()).isTrue();
        assertThat(queued.getQueued().getPosition()).isEqualTo(1);

        AgentClient fourth = agent(4);
        fourth.request("www", AgentKeyPair.generate().publicKey(), false);
        ManagerFrame denied = fourth.next();
        assertThat(denied.getDenied().getCode()).isEqualTo(DenialCode.NO_SEAT_FREE);
        await().atMost(WAIT).until(() -> fixture.events("license.seats").stream().anyMatch(e ->
                e.details().get("inUse").equals(2) && e.details().get("waiting").equals(1)));
    }

    @Test
    void releaseHandsTheSeatToTheFirstWaiterWithAKeyOnlyItCanOpen() throws Exception {
        start(LeasePolicy.defaults(), 1);
        AgentClient holder = agent(1);
        long lease = granted(holder).getGranted().getLeaseId();
        AgentClient waiter = agent(2);
        AgentKeyPair waiterKey = AgentKeyPair.generate();
        long waitingRequest = waiter.request("www", waiterKey.publicKey(), true);
        assertThat(waiter.next().hasQueued()).isTrue();
        AgentClient second = agent(3);
        second.request("www", AgentKeyPair.generate().publicKey(), true);
        assertThat(second.next().getQueued().getPosition()).isEqualTo(2);

        long terminate = holder.terminate(lease);
        ManagerFrame released = holder.next();
        assertThat(released.getRequestId()).isEqualTo(terminate);
        assertThat(released.getReleased().getLeaseId()).isEqualTo(lease);

        ManagerFrame push = waiter.next();
        assertThat(push.getRequestId()).isZero();
        assertThat(push.hasSeatGranted()).as(push.toString()).isTrue();
        assertThat(push.getSeatGranted().getForRequestId()).isEqualTo(waitingRequest);
        assertThat(waiterKey.unwrap(push.getSeatGranted().getWrappedKey().toByteArray(), "www").toBytes())
                .isEqualTo(fixture.www.decryptionKey().toBytes());
        assertThat(second.poll(300)).as("the second waiter stays in line").isNull();
        await().atMost(WAIT).until(() -> fixture.events("license.reclaimed").stream()
                .anyMatch(e -> e.details().get("reason").equals("released") && e.details().get("holder").equals("A/1")));
        assertThat(fixture.events("license.granted")).anySatisfy(e -> {
            assertThat(e.details()).containsEntry("holder", "A/2").containsEntry("queued", true);
        });
    }

    @Test
    void closingTheHoldersConnectionFreesItsSeatAtOnce() throws Exception {
        start(LeasePolicy.defaults(), 1);
        AgentClient holder = agent(1);
        granted(holder);
        AgentClient waiter = agent(2);
        waiter.request("www", AgentKeyPair.generate().publicKey(), true);
        assertThat(waiter.next().hasQueued()).isTrue();

        long closedAt = System.nanoTime();
        holder.close();
        ManagerFrame push = waiter.next(2_000);
        assertThat(push.hasSeatGranted()).isTrue();
        // Well under the lease's 10 s: the seat came back because the holder's process is gone.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt)).isLessThan(2_000);
        await().atMost(WAIT).until(() -> fixture.events("license.reclaimed").stream()
                .anyMatch(e -> e.details().get("reason").equals("holder-gone")));
    }

    @Test
    void aSilentHolderIsReclaimedOnlyAfterTtlPlusMargin() throws Exception {
        start(new LeasePolicy(600, 300, 0), 1);
        AgentClient holder = agent(1);
        // Taken before the request: the manager cannot have granted (and started the lease) any earlier. Taken
        // after the answer, it would be late by the key wrapping and the trip, and the bound would flake.
        long grantedAt = System.nanoTime();
        granted(holder);
        AgentClient waiter = agent(2);
        waiter.request("www", AgentKeyPair.generate().publicKey(), true);
        assertThat(waiter.next().hasQueued()).isTrue();

        ManagerFrame push = waiter.next(5_000);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - grantedAt);
        assertThat(push.hasSeatGranted()).isTrue();
        assertThat(waitedMs).isGreaterThanOrEqualTo(900);
        assertThat(fixture.events("license.reclaimed")).anySatisfy(e -> assertThat(e.details())
                .containsEntry("reason", "lease-expired").containsEntry("holder", "A/1"));
        // The silent holder wakes up: its lease is gone.
        holder.renew(push.getSeatGranted().getLeaseId() - 1);
        assertThat(holder.next().getDenied().getCode()).isEqualTo(DenialCode.UNKNOWN_LEASE);
    }

    @Test
    void aRenewingHolderKeepsItsSeatPastTheTtl() throws Exception {
        start(new LeasePolicy(500, 200, 0), 1);
        AgentClient holder = agent(1);
        long lease = granted(holder).getGranted().getLeaseId();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() < until) {
            holder.renew(lease);
            ManagerFrame renewed = holder.next();
            assertThat(renewed.getGranted().getLeaseId()).isEqualTo(lease);
            assertThat(renewed.getGranted().getWrappedKey().isEmpty()).isTrue();
            assertThat(holder.poll(200)).isNull();
        }
        assertThat(fixture.events("license.reclaimed")).isEmpty();
        assertThat(fixture.events("license.renewed")).isNotEmpty();
    }

    @Test
    void aReplayedFrameIsRefusedAndTheConnectionKeepsServing() throws Exception {
        start(LeasePolicy.defaults(), 2);
        AgentClient agent = agent(1);
        long lease = granted(agent).getGranted().getLeaseId();
        // Replays the grant's request id (2): refused, and no second seat is taken.
        agent.sendWithId(dev.vrack.proto.license.AgentFrame.newBuilder().setRequestExecution(
                dev.vrack.proto.license.RequestExecution.newBuilder().setAppId("www").setChassisId(LicenseFixture.CHASSIS_ID)
                        .setAgentPublicKey(com.google.protobuf.ByteString.copyFrom(AgentKeyPair.generate().publicKey()))), 2);
        ManagerFrame refused = agent.next();
        assertThat(refused.getError().getCode()).isEqualTo(ProtocolErrorCode.REPLAYED);
        assertThat(refused.getError().getMessage()).contains("not greater than 2");

        agent.renew(lease);
        assertThat(agent.next().getGranted().getLeaseId()).isEqualTo(lease);
        assertThat(fixture.manager.view().get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(app -> assertThat(app.inUse()).isEqualTo(1));
    }

    @Test
    void oversizedAndGarbageFramesCloseOnlyThatConnection() throws Exception {
        start(LeasePolicy.defaults(), 3);
        AgentClient good = agent(1);
        granted(good);

        AgentClient oversized = agent(2);
        oversized.sendRaw(ByteBuffer.allocate(4).putInt(1 << 20).array());
        ManagerFrame tooLarge = oversized.next();
        assertThat(tooLarge.getError().getCode()).isEqualTo(ProtocolErrorCode.TOO_LARGE);
        await().atMost(WAIT).until(oversized::closedByPeer);

        AgentClient garbage = agent(3);
        garbage.sendRaw(new byte[] {0, 0, 0, 6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertThat(garbage.next().getError().getCode()).isEqualTo(ProtocolErrorCode.MALFORMED);
        await().atMost(WAIT).until(garbage::closedByPeer);

        AgentClient notHello = new AgentClient(fixture.address());
        agents.add(notHello);
        notHello.request("www", AgentKeyPair.generate().publicKey(), false);
        assertThat(notHello.next().getError().getCode()).isEqualTo(ProtocolErrorCode.NOT_HELLO);
        await().atMost(WAIT).until(notHello::closedByPeer);

        granted(good);
        granted(agent(4));
    }

    @Test
    void twentyAgentsRacingForThreeSeatsGetExactlyThree() throws Exception {
        start(LeasePolicy.defaults(), 3);
        List<AgentClient> racers = new ArrayList<>();
        for (int slot = 1; slot <= 20; slot++) {
            racers.add(agent(slot));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Future<ManagerFrame>> answers = new ArrayList<>();
            for (AgentClient racer : racers) {
                answers.add(threads.submit(() -> {
                    go.await();
                    racer.request("www", AgentKeyPair.generate().publicKey(), true);
                    return racer.next();
                }));
            }
            go.countDown();
            int grants = 0;
            int queued = 0;
            for (Future<ManagerFrame> answer : answers) {
                ManagerFrame frame = answer.get(10, TimeUnit.SECONDS);
                grants += frame.hasGranted() ? 1 : 0;
                queued += frame.hasQueued() ? 1 : 0;
            }
            assertThat(grants).isEqualTo(3);
            assertThat(queued).isEqualTo(17);
        } finally {
            threads.shutdownNow();
        }
        assertThat(fixture.manager.view().get(5, TimeUnit.SECONDS)).singleElement().satisfies(app -> {
            assertThat(app.inUse()).isEqualTo(3);
            assertThat(app.waiting()).isEqualTo(17);
            assertThat(app.holders()).hasSize(3);
        });
        assertThat(fixture.events("license.seats")).allSatisfy(e ->
                assertThat((Integer) e.details().get("inUse")).isLessThanOrEqualTo(3));
    }

    @Test
    void detachedKeyMeansNoKeyDenials() throws Exception {
        start(LeasePolicy.defaults(), 2);
        AgentClient agent = agent(1);
        long lease = granted(agent).getGranted().getLeaseId();
        fixture.manager.keyDetached();
        fixture.dongle.detach();

        agent.renew(lease);
        ManagerFrame renewal = agent.next();
        assertThat(renewal.getDenied().getCode()).isEqualTo(DenialCode.NO_KEY);
        assertThat(renewal.getDenied().getMessage()).contains("no hardware key");
        AgentClient other = agent(2);
        other.request("www", AgentKeyPair.generate().publicKey(), true);
        assertThat(other.next().getDenied().getCode()).isEqualTo(DenialCode.NO_KEY);
        assertThat(fixture.events("usb.changed")).anySatisfy(e -> assertThat(e.details()).containsEntry("attached", false));

        fixture.attachKey();
        fixture.manager.keyAttached(fixture.hardwareKey.keyId(), LicenseFixture.CHASSIS_ID);
        granted(other);
    }

    @Test
    void badHelloVersionIsRefusedAndClosed() throws Exception {
        start(LeasePolicy.defaults(), 0);
        AgentClient agent = new AgentClient(fixture.address());
        agents.add(agent);
        agent.send(dev.vrack.proto.license.AgentFrame.newBuilder().setHello(dev.vrack.proto.license.AgentHello
                .newBuilder().setVersionValue(2).setChassis("A").setSlot(1)));
        ManagerFrame refused = agent.next();
        assertThat(refused.getError().getCode()).isEqualTo(ProtocolErrorCode.UNSUPPORTED_VERSION);
        await().atMost(WAIT).until(agent::closedByPeer);
    }

    static List<Event> only(List<Event> events, String key, Object value) {
        return events.stream().filter(e -> value.equals(e.details().get(key))).toList();
    }
}
