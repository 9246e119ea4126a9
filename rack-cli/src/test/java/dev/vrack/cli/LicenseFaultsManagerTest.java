package dev.vrack.cli;

import static dev.vrack.cli.FaultRack.detail;
import static dev.vrack.cli.FaultRack.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on the manager's side with real processes (issue 4): the USB key pulled and put back, the management
 * cartridge powered off and on. www is licensed for 2 with three cartridges; the lease is short (2 s) so the
 * agents notice within seconds; each test ends with two running again and a valid {@code rack check}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LicenseFaultsManagerTest {

    private static final String RACK = FaultRack.licensedRack("faults-manager", "127.151.0.0/24", "CHASSIS-FM-0001", 8, 3, 2);

    private FaultRack rack;

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("faults-manager", RACK, "--lease-ttl-ms", "2000", "--safety-margin-ms", "500",
                "--retry-ms", "500");
        awaitSteady(Duration.ofSeconds(40));
    }

    @AfterAll
    void down() {
        if (rack != null) {
            rack.down();
        }
    }

    @AfterEach
    void theRunIsValid() {
        rack.checkValid();
    }

    private void awaitSteady(Duration within) {
        await().atMost(within).until(() -> rack.running().size() == 2 && rack.waiting().size() == 1);
    }

    @Test
    @Order(1)
    void withoutTheUsbKeyRenewalsAreDeniedAndTheAppsSuspendUntilItIsBack() {
        List<Integer> holders = rack.running();
        long before = FaultRack.nowMono();
        rack.ok("usb", "A", "detach");
        await().atMost(Duration.ofSeconds(10)).until(() -> holders.stream().allMatch(slot ->
                rack.first("app.suspended", before, source("A/" + slot)).isPresent()));
        List<Event> denials = rack.events("license.denied", e -> e.mono() >= before);
        assertThat(denials).isNotEmpty();
        assertThat(denials).allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "NO_KEY"));
        assertThat(rack.events("license.granted", e -> e.mono() >= before)).as("no seat without the key").isEmpty();
        for (int slot : holders) {
            assertThat(FaultRack.httpStatus(rack.ip("A", slot))).isNotEqualTo(200);
        }
        long attached = FaultRack.nowMono();
        rack.ok("usb", "A", "attach", rack.rackDir().resolve("keys").resolve("hwkey-A.hwkey").toString());
        awaitSteady(Duration.ofSeconds(15));
        assertThat(rack.events("app.started", e -> e.mono() >= attached)).hasSizeGreaterThanOrEqualTo(2);
        for (int slot : rack.running()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> FaultRack.httpStatus(rack.ip("A", slot)) == 200);
        }
    }

    @Test
    @Order(2)
    void aRestartedManagementCartridgeGivesOutNoExtraSeatAndTheAgentsComeBack() {
        List<Integer> holders = rack.running();
        long before = FaultRack.nowMono();
        rack.ok("power", "A/0", "off");
        // The holders cannot renew: they suspend before their lease runs out, whatever the manager does later.
        await().atMost(Duration.ofSeconds(10)).until(() -> holders.stream().allMatch(slot ->
                rack.first("app.suspended", before, source("A/" + slot)).isPresent()));
        long on = FaultRack.nowMono();
        rack.ok("power", "A/0", "on");
        await().atMost(Duration.ofSeconds(30)).until(() -> rack.first("license.loaded", on, e -> true).isPresent());
        awaitSteady(Duration.ofSeconds(30));
        // The new manager granted exactly two seats: the agents reconnected and asked again.
        List<Event> grants = rack.events("license.granted", e -> e.mono() >= on);
        assertThat(grants).hasSizeGreaterThanOrEqualTo(2);
        Event loaded = rack.first("license.loaded", on, e -> true).orElseThrow();
        assertThat(loaded.details()).containsEntry("count", 2);
        assertThat(rack.events("license.seats", e -> e.mono() >= on))
                .allSatisfy(e -> assertThat(((Number) e.details().get("inUse")).intValue()).isLessThanOrEqualTo(2));
        assertThat(rack.events("license.requested", e -> e.mono() >= on).stream()
                .map(e -> e.details().get("holder")).distinct()).hasSize(3);
        assertThat(rack.events("license.reclaimed", e -> e.mono() >= before && detail("reason", "admin").test(e)))
                .isEmpty();
    }
}
