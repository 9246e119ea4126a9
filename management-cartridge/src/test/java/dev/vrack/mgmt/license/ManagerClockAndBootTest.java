package dev.vrack.mgmt.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.TimeSource;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.license.AcquiredLicense;
import dev.vrack.license.LeasePolicy;
import dev.vrack.license.TestFault;
import dev.vrack.proto.license.ManagerFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's clock (monotonic; license validity converted at load), its boot readiness (requests held until
 * the key and the NAS were read), its drain on close, and the test-only faults.
 */
class ManagerClockAndBootTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long HOUR_MS = 3_600_000;

    @TempDir
    Path dir;

    private LicenseFixture fixture;
    private final List<AgentClient> agents = new ArrayList<>();

    /** The system's clocks with a wall clock a test can step (the fault the next issue injects). */
    private static final class SteppableTime implements TimeSource {
        final AtomicLong wallOffsetMs = new AtomicLong();

        @Override
        public Instant now() {
            return Instant.now().plusMillis(wallOffsetMs.get());
        }

        @Override
        public long monoNanos() {
            return System.nanoTime();
        }
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

    private AgentClient agent(int slot) throws Exception {
        AgentClient agent = AgentClient.connected(fixture.address(), slot);
        agents.add(agent);
        return agent;
    }

    private static ManagerFrame ask(AgentClient agent) throws Exception {
        agent.request("www", AgentKeyPair.generate().publicKey(), true);
        return agent.next();
    }

    @Test
    void validityIsConvertedOnceAtLoadSoAWallStepNeitherEndsNorExtendsIt() {
        MonotonicValidity validity = new MonotonicValidity();
        long wallNow = 1_700_000_000_000L;
        long monoNow = 42_000;
        AcquiredLicense wall = new AcquiredLicense("LIC-1", "www", 2, Set.of("C"), wallNow - 60_000, wallNow + HOUR_MS);
        AcquiredLicense mono = validity.convert(wall, wallNow, monoNow);
        assertThat(mono.notBeforeMs()).isEqualTo(monoNow - 60_000);
        assertThat(mono.notAfterMs()).isEqualTo(monoNow + HOUR_MS);
        assertThat(mono.validAt(monoNow)).isTrue();
        assertThat(mono.validAt(monoNow + HOUR_MS)).isFalse();

        // Loaded again after the wall clock stepped back a day (to extend it) or ahead a day (to end it): unchanged.
        assertThat(validity.convert(wall, wallNow - 24 * HOUR_MS, monoNow + 1_000)).isEqualTo(mono);
        assertThat(validity.convert(wall, wallNow + 24 * HOUR_MS, monoNow + 2_000)).isEqualTo(mono);

        // Another license is converted at its own first load; open-ended bounds stay open-ended.
        AcquiredLicense open = new AcquiredLicense("LIC-2", "www", 1, Set.of("C"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(validity.convert(open, wallNow, monoNow)).isEqualTo(open);
    }

    @Test
    void steppingTheManagersWallClockNeitherExpiresLeasesNorEndsTheLicense() throws Exception {
        SteppableTime time = new SteppableTime();
        fixture = new LicenseFixture(dir, LeasePolicy.defaults(), time, Set.of(), true);
        fixture.writeLicense("www.lic", 2); // valid from a minute ago to an hour from now (wall clock)
        await().atMost(WAIT).until(() -> !fixture.events("license.loaded").isEmpty());
        AgentClient holder = agent(1);
        long lease = ask(holder).getGranted().getLeaseId();

        // Two hours ahead: on the wall clock the license has ended and the lease is long past its ttl + margin.
        time.wallOffsetMs.set(2 * HOUR_MS);
        fixture.manager.tickNow().get(5, TimeUnit.SECONDS);
        holder.renew(lease);
        ManagerFrame renewed = holder.next();
        assertThat(renewed.hasGranted()).as(renewed.toString()).isTrue();
        assertThat(renewed.getGranted().getLeaseId()).isEqualTo(lease);
        assertThat(ask(agent(2)).hasGranted()).isTrue();

        // And back again, two hours before: nothing changes either.
        time.wallOffsetMs.set(-2 * HOUR_MS);
        holder.renew(lease);
        assertThat(holder.next().getGranted().getLeaseId()).isEqualTo(lease);
        assertThat(fixture.events("license.reclaimed")).isEmpty();
        assertThat(fixture.events("license.denied")).isEmpty();
    }

    @Test
    void aRequestBeforeTheBootReadsWaitsInLineAndIsGrantedOnceTheKeyAndNasAreRead() throws Exception {
        fixture = new LicenseFixture(dir, LeasePolicy.defaults(), TimeSource.SYSTEM, Set.of(), false);
        fixture.writeLicense("www.lic", 1);
        assertThat(fixture.manager.booted().get(5, TimeUnit.SECONDS)).isFalse();
        AgentClient early = agent(1);
        AgentClient second = agent(2);
        AgentKeyPair earlyKey = AgentKeyPair.generate();
        long earlyRequest = early.request("www", earlyKey.publicKey(), true);
        // Not NO_KEY nor NO_LICENSE for what the manager has not read yet: both wait in line, answered at once.
        ManagerFrame queued = early.next();
        assertThat(queued.getRequestId()).isEqualTo(earlyRequest);
        assertThat(queued.hasQueued()).as(queued.toString()).isTrue();
        // Sent only once the first is in line: two connections give no order between their frames otherwise.
        long secondRequest = second.request("www", AgentKeyPair.generate().publicKey(), true);
        assertThat(second.next().getRequestId()).isEqualTo(secondRequest);
        // A renewal before the boot reads is answered at once too: no lease exists yet.
        early.renew(77);
        assertThat(early.next().getDenied().getCode()).isEqualTo(dev.vrack.proto.license.DenialCode.UNKNOWN_LEASE);
        assertThat(early.poll(300)).as("nothing is determined before the boot reads").isNull();

        fixture.boot();
        ManagerFrame push = early.next();
        assertThat(push.hasSeatGranted()).as(push.toString()).isTrue();
        assertThat(push.getSeatGranted().getForRequestId()).isEqualTo(earlyRequest);
        assertThat(earlyKey.unwrap(push.getSeatGranted().getWrappedKey().toByteArray(), "www").toBytes())
                .isEqualTo(fixture.www.decryptionKey().toBytes());
        // In arrival order: the second stays in line for the only seat, and gets it when the first lets go.
        assertThat(second.poll(300)).isNull();
        early.terminate(push.getSeatGranted().getLeaseId());
        ManagerFrame handedOn = second.next();
        assertThat(handedOn.getSeatGranted().getForRequestId()).isEqualTo(secondRequest);
        assertThat(fixture.manager.booted().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fixture.events("license.denied")).allSatisfy(e ->
                assertThat(e.details()).containsEntry("reason", "UNKNOWN_LEASE"));
    }

    @Test
    void closeDrainsWhatIsQueuedAndWritesItsEvents() throws Exception {
        fixture = new LicenseFixture(dir, LeasePolicy.defaults());
        int changes = 500;
        for (int i = 0; i < changes; i++) {
            fixture.manager.keyAttached(fixture.hardwareKey.keyId(), LicenseFixture.CHASSIS_ID);
        }
        fixture.manager.close();
        // The fixture's own attach at boot, then every one queued before close.
        assertThat(fixture.events("usb.changed")).hasSize(changes + 1);
    }

    @Test
    void aTestFaultIsAnnouncedAtBootAndSkipsTheCountCheck() throws Exception {
        fixture = new LicenseFixture(dir, LeasePolicy.defaults(), TimeSource.SYSTEM, Set.of(TestFault.SKIP_COUNT_CHECK),
                true);
        assertThat(fixture.events("manager.test-fault")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("fault", "skip-count-check"));
        fixture.writeLicense("www.lic", 1);
        await().atMost(WAIT).until(() -> !fixture.events("license.loaded").isEmpty());
        assertThat(ask(agent(1)).hasGranted()).isTrue();
        assertThat(ask(agent(2)).hasGranted()).as("the broken manager grants beyond the count").isTrue();
    }

    @Test
    void testFaultsAreReadFromTheVariableAndAnUnknownNameIsRefused() {
        assertThat(TestFaults.parse(null)).isEmpty();
        assertThat(TestFaults.parse("  ")).isEmpty();
        assertThat(TestFaults.parse("skip-count-check")).containsExactly(TestFault.SKIP_COUNT_CHECK);
        assertThat(TestFaults.parse(" skip-count-check , ")).containsExactly(TestFault.SKIP_COUNT_CHECK);
        assertThatThrownBy(() -> TestFaults.parse("skip-count-check,skip-everything"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VRACK_TEST_FAULTS")
                .hasMessageContaining("\"skip-everything\"")
                .hasMessageContaining("known test faults: skip-count-check");
    }
}
