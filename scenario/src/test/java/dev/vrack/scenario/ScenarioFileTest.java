package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid scenario file per feature of the language, and what the loader makes of it. */
class ScenarioFileTest {

    @TempDir
    Path dir;
    Scenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new Scenarios(dir);
    }

    private Scenario parse(String yaml) throws ScenarioException {
        return scenarios.parse(yaml);
    }

    private static String withSteps(String steps) {
        return "scenario: s\nrack: rack.yml\nsteps:\n" + steps;
    }

    @Test
    void theTopLevelFieldsAndTheirDefaults() throws Exception {
        Scenario s = parse("scenario: minimal\nrack: rack.yml\n");
        assertThat(s.name()).isEqualTo("minimal");
        assertThat(s.description()).isEmpty();
        assertThat(s.file()).isEqualTo(dir.resolve("s.yml").toAbsolutePath().normalize());
        assertThat(s.rackFile()).isEqualTo(dir.resolve("rack.yml").toAbsolutePath().normalize());
        assertThat(s.seed()).isZero();
        assertThat(s.rackOptions()).isEqualTo(RackOptions.DEFAULTS);
        assertThat(s.steps()).isEmpty();
        assertThat(s.expectations()).isEmpty();
        assertThat(s.invariants()).containsExactly("over-grant", "leaked-seat", "unexplained-suspension");
        assertThat(s.durationMs()).isEmpty();
    }

    @Test
    void seedRackOptionsDurationAndInvariantsAreRead() throws Exception {
        Scenario s = parse("""
                scenario: s
                rack: ./sub/../rack.yml
                seed: -9
                rackOptions: {leaseTtlMs: 3000, safetyMarginMs: 500, keyGraceMs: 0, retryMs: 1000}
                duration: 2m
                invariants: [over-grant]
                """);
        assertThat(s.rackFile()).isEqualTo(dir.resolve("rack.yml").toAbsolutePath().normalize());
        assertThat(s.seed()).isEqualTo(-9);
        assertThat(s.rackOptions().leaseTtlMs()).hasValue(3000);
        assertThat(s.rackOptions().safetyMarginMs()).hasValue(500);
        assertThat(s.rackOptions().keyGraceMs()).hasValue(0);
        assertThat(s.rackOptions().retryMs()).hasValue(1000);
        assertThat(s.durationMs()).contains(120_000L);
        assertThat(s.invariants()).containsExactly("over-grant");
    }

    @Test
    void anAtStepWithASelector() throws Exception {
        Step step = parse(Scenarios.VALID).steps().get(0);
        assertThat(step.id()).isEqualTo("pull-one");
        assertThat(step.line()).isEqualTo(6);
        assertThat(step.timing()).isEqualTo(new Timing.At(5_000));
        assertThat(step.fault()).isEqualTo(FaultKind.PULL);
        assertThat(step.targets()).isEqualTo(new TargetSpec.Selector(Optional.of("app"), Optional.of("www"),
                Optional.of(true), Optional.empty(), OptionalInt.of(1)));
        assertThat(step.params()).isEqualTo(FaultParams.NONE);
    }

    @Test
    void anEveryStepWithNamedTargetsAndDefaultIds() throws Exception {
        Scenario s = parse(withSteps("""
                  - {every: 4s, start: 2s, times: 5, fault: kill, targets: [A/1, A/2]}
                  - {every: 500ms, times: 2, fault: kill, targets: A}
                """));
        assertThat(s.steps()).extracting(Step::id).containsExactly("step-1", "step-2");
        assertThat(s.steps().get(0).timing()).isEqualTo(new Timing.Every(2_000, 4_000, 5));
        assertThat(s.steps().get(0).targets()).isEqualTo(new TargetSpec.Named(java.util.List.of("A/1", "A/2")));
        assertThat(s.steps().get(1).timing()).isEqualTo(new Timing.Every(0, 500, 2));
        assertThat(s.steps().get(1).targets()).isEqualTo(new TargetSpec.Named(java.util.List.of("A")));
    }

    @Test
    void afterAnEventOrAStepAndTargetsSameAs() throws Exception {
        Scenario s = parse(withSteps("""
                  - {id: kill, at: 1s, fault: kill, targets: {licensed: true, random: 1}}
                  - {after: {event: app.started, source: A/3, delay: 1s}, fault: impair, targets: A/3,
                     params: {delay: 200ms, jitter: 20ms, loss: 5%}}
                  - {after: {step: kill, delay: 2s}, fault: insert, targets: {sameAs: kill}}
                  - {after: {event: usb.detached}, fault: usb-attach, targets: A}
                """));
        assertThat(s.steps().get(1).timing()).isEqualTo(new Timing.After("app.started", "A/3", null, 1_000));
        assertThat(s.steps().get(1).params().delayMs()).hasValue(200);
        assertThat(s.steps().get(1).params().jitterMs()).hasValue(20);
        assertThat(s.steps().get(1).params().lossPercent()).hasValue(5.0);
        assertThat(s.steps().get(2).timing()).isEqualTo(new Timing.After(null, null, "kill", 2_000));
        assertThat(s.steps().get(2).targets()).isEqualTo(new TargetSpec.SameAs("kill"));
        assertThat(s.steps().get(3).timing()).isEqualTo(new Timing.After("usb.detached", null, null, 0));
    }

    @Test
    void faultsWithoutTargetsAndTheirParams() throws Exception {
        scenarios.write("files/www.lic", "x");
        scenarios.write("files/other.hwkey", "x");
        Scenario s = parse(withSteps("""
                  - {at: 1s, fault: restart-manager}
                  - {at: 2s, fault: nas-corrupt, params: {app: www}}
                  - {at: 3s, fault: nas-replace, params: {app: www, file: files/www.lic}}
                  - {at: 4s, fault: usb-swap, targets: A, params: {key: files/other.hwkey}}
                  - {at: 5s, fault: clock-step, targets: A/2, params: {step: -30s}}
                  - {at: 6s, fault: remove, targets: A/2, params: {timeout: 3s}}
                  - {at: 7s, fault: impair, targets: A/1, params: {loss: 12.5}}
                """));
        assertThat(s.steps().get(0).targets()).isEqualTo(new TargetSpec.None());
        assertThat(s.steps().get(1).params().app()).contains("www");
        assertThat(s.steps().get(2).params().file()).contains(dir.resolve("files/www.lic").toAbsolutePath().normalize());
        assertThat(s.steps().get(3).params().key()).contains(dir.resolve("files/other.hwkey").toAbsolutePath().normalize());
        assertThat(s.steps().get(4).params().stepMs()).hasValue(-30_000);
        assertThat(s.steps().get(5).params().timeoutMs()).hasValue(3_000);
        assertThat(s.steps().get(6).params().lossPercent()).hasValue(12.5);
    }

    @Test
    void expectationsWindowsAndConditions() throws Exception {
        Scenario s = parse("""
                scenario: s
                rack: rack.yml
                steps:
                  - {id: pull-one, at: 5s, fault: pull, targets: A/1}
                expect:
                  - name: two www running at start
                    eventually: {within: 30s}
                    running: {app: www, equals: 2}
                  - eventually: {after: pull-one, within: 5s}
                    running: {app: www, atLeast: 1}
                  - always: {from: 0s, to: end}
                    withinCount: www
                  - always: {from: {step: pull-one, offset: 6s}, to: end-1s}
                    slot: {name: A/3, running: true}
                  - always: {}
                    running: {app: www, atMost: 2}
                  - always: {tolerate: 1s}
                    running: {app: www, atLeast: 2}
                """);
        assertThat(s.expectations()).extracting(Expectation::line).containsExactly(6, 9, 11, 13, 15, 17);
        assertThat(s.expectations().get(0)).isEqualTo(new Expectation("two www running at start", 6,
                new Window.Eventually(Anchor.START, 30_000), new Condition.Running("www", Condition.Comparison.EQUAL, 2)));
        assertThat(s.expectations().get(1).window()).isEqualTo(new Window.Eventually(Anchor.step("pull-one", 0), 5_000));
        assertThat(s.expectations().get(1).condition())
                .isEqualTo(new Condition.Running("www", Condition.Comparison.AT_LEAST, 1));
        assertThat(s.expectations().get(2).window()).isEqualTo(new Window.Always(Anchor.START, Anchor.END));
        assertThat(s.expectations().get(2).condition()).isEqualTo(new Condition.WithinCount("www"));
        assertThat(s.expectations().get(3).window()).isEqualTo(new Window.Always(Anchor.step("pull-one", 6_000),
                new Anchor(Anchor.Point.END, Optional.empty(), -1_000)));
        assertThat(s.expectations().get(3).condition()).isEqualTo(new Condition.SlotRunning("A/3", true));
        assertThat(s.expectations().get(4).window()).isEqualTo(new Window.Always(Anchor.START, Anchor.END));
        assertThat(s.expectations().get(5).window()).isEqualTo(new Window.Always(Anchor.START, Anchor.END, 1_000));
    }

    @Test
    void unnamedExpectationsAreNamedAfterTheirConditionAndWindow() throws Exception {
        Scenario s = parse("""
                scenario: s
                rack: rack.yml
                steps:
                  - {id: pull-one, at: 5s, fault: pull, targets: A/1}
                expect:
                  - {eventually: {after: pull-one, within: 5s}, running: {app: www, equals: 2}}
                  - {always: {from: 6s, to: end}, withinCount: www}
                  - {always: {from: {step: pull-one, offset: 1500ms}}, slot: {name: A/3, running: false}}
                """);
        assertThat(s.expectations()).extracting(Expectation::name).containsExactly(
                "www running == 2, within 5s after pull-one",
                "www within its license count, always from 6s to end",
                "A/3 not running, always from pull-one+1500ms to end");
    }
}
