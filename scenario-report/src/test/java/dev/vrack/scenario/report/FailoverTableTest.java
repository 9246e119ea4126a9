package dev.vrack.scenario.report;

import static dev.vrack.scenario.report.RunBuilder.mono;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The failover table: each seat a fault cost, who got it next, and how long that took. */
class FailoverTableTest {

    @Test
    void aPulledCartridgesSeatMovesToTheStandbyWithItsRecoveryTime() {
        ScenarioReport report = ExpectationJudgeTest.pullFailover().report(20_000);

        assertThat(report.failover().rows()).singleElement().satisfies(row -> {
            assertThat(row.faultMono()).isEqualTo(mono(5_000));
            assertThat(row.fault()).isEqualTo("pull");
            assertThat(row.step()).isEqualTo("pull-one");
            assertThat(row.firing()).isEqualTo(1);
            assertThat(row.app()).isEqualTo("www");
            assertThat(row.lostSlot()).isEqualTo("A/1");
            assertThat(row.nextSlot()).isEqualTo("A/3");
            assertThat(row.recoveryMs()).hasValue(1_300);
            assertThat(row.recoveryText()).isEqualTo("1300 ms");
        });
    }

    @Test
    void aSeatNobodyTookBeforeTheEndIsNotRecovered() {
        ScenarioReport report = new RunBuilder().seats(-2_000, "www", 1).runs(-1_500, "A/1", "www")
                .fault(4_000, "kill", "kill-it", 1, "A/1").exited(4_030, "A/1")
                .runs(25_000, "A/2", "www") // after the end: tear-down is no recovery
                .report(20_000);

        assertThat(report.failover().rows()).singleElement().satisfies(row -> {
            assertThat(row.recovered()).isFalse();
            assertThat(row.nextSlot()).isNull();
            assertThat(row.recoveryText()).isEqualTo("not recovered");
        });
    }

    @Test
    void aFreezeCostsTheSeatAtTheSuspensionThatFollowedAndTheSameSlotMayGetItBack() {
        ScenarioReport report = new RunBuilder().seats(-2_000, "www", 1).runs(-1_500, "A/2", "www")
                .fault(3_000, "freeze", "freeze-it", 1, "A/2")
                // written late on waking; the checker places it at the end of what the agent permitted
                .add(16_000, "A/2", "app.suspended", "app", "www", "lease", "L", "reason", "lease ran out",
                        "permittedUntilMono", mono(12_000))
                .runs(16_500, "A/2", "www")
                .report(20_000);

        assertThat(report.failover().rows()).singleElement().satisfies(row -> {
            assertThat(row.lostMono()).isEqualTo(mono(12_000));
            assertThat(row.nextSlot()).isEqualTo("A/2");
            assertThat(row.recoveryMs()).hasValue(13_500);
        });
    }

    @Test
    void aChassisKillCostsEverySeatOfItsSlotsAndEachStandbyIsCountedOnce() {
        ScenarioReport report = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .fault(2_000, "kill", "kill-chassis", 1, "A")
                .add(2_050, "A", "chassis.stopped", "chassisId", "CH-A", "slots", 4)
                .runs(2_600, "B/1", "www").runs(2_900, "B/2", "www")
                .report(20_000);

        assertThat(report.failover().rows()).hasSize(2);
        assertThat(report.failover().rows()).extracting(FailoverRow::lostSlot).containsExactlyInAnyOrder("A/1", "A/2");
        assertThat(report.failover().rows()).extracting(FailoverRow::nextSlot).containsExactlyInAnyOrder("B/1", "B/2");
    }

    @Test
    void anInstanceThatEndedLongAfterAProcessEndingFaultIsNotItsVictim() {
        ScenarioReport report = new RunBuilder().seats(-2_000, "www", 1).runs(-1_500, "A/1", "www")
                .fault(2_000, "pull", "pull-other", 1, "A/1")
                .stopped(9_000, "A/1", "www")
                .report(20_000);

        assertThat(report.failover().rows()).isEmpty();
    }
}
