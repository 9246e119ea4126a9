package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a scenario is refused before anything starts, each naming the line, the field and what was expected. */
class ScenarioRefusalsTest {

    @TempDir
    Path dir;
    Scenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new Scenarios(dir);
    }

    private static String withSteps(String steps) {
        return "scenario: s\nrack: rack.yml\nsteps:\n" + steps;
    }

    @Test
    void anUnknownFaultIsRefusedWithADidYouMean() {
        scenarios.refused(Scenarios.VALID.replace("fault: pull", "fault: pul"))
                .hasMessageStartingWith("s.yml:8: steps[0].fault: expected one of pull, remove, insert,")
                .hasMessageEndingWith("got \"pul\" (did you mean \"pull\"?)");
    }

    @Test
    void aMissingSlotOrChassisInTargetsIsRefusedAgainstTheRack() {
        scenarios.refused(withSteps("  - {at: 1s, fault: pull, targets: [A/1, A/9]}\n"))
                .hasMessage("s.yml:4: steps[0].targets[1]: no slot A/9 in this rack; chassis A has slots 0..7");
        scenarios.refused(withSteps("  - {at: 1s, fault: usb-detach, targets: B}\n"))
                .hasMessage("s.yml:4: steps[0].targets: no chassis named 'B' in this rack; its chassis are: A");
        scenarios.refused(withSteps("  - {at: 1s, fault: pull, targets: {chassis: C}}\n"))
                .hasMessage("s.yml:4: steps[0].targets.chassis: no chassis named 'C' in this rack; its chassis are: A");
    }

    @Test
    void restartManagerNeedsARackWithAManagementCartridge() {
        scenarios.write("rack.yml", """
                name: bare
                subnet: 127.42.0.0/24
                chassis:
                  - {name: A, chassisId: CHASSIS-A-0001, slots: 4, cartridges: []}
                """);

        scenarios.refused(withSteps("  - {at: 1s, fault: restart-manager}\n"))
                .hasMessageStartingWith("s.yml:4: steps[0].fault: restart-manager needs a management cartridge");
    }

    @Test
    void targetsMustSuitTheFault() {
        scenarios.refused(withSteps("  - {at: 1s, fault: pull, targets: A}\n"))
                .hasMessage("s.yml:4: steps[0].targets: pull acts on a slot; name one as chassis/slot (like A/1)");
        scenarios.refused(withSteps("  - {at: 1s, fault: usb-detach, targets: A/0}\n"))
                .hasMessage("s.yml:4: steps[0].targets: usb-detach acts on a chassis; name it (like A), not a slot");
        scenarios.refused(withSteps("  - {at: 1s, fault: restart-manager, targets: A/0}\n"))
                .hasMessageStartingWith("s.yml:4: steps[0].targets: restart-manager takes no targets");
        scenarios.refused(withSteps("  - {at: 1s, fault: pull}\n"))
                .hasMessageStartingWith("s.yml:4: steps[0]: missing required field \"targets\", expected targets: "
                        + "a slot or chassis name");
    }

    @Test
    void aNegativeTimeIsRefused() {
        scenarios.refused(Scenarios.VALID.replace("at: 5s", "at: -5s"))
                .hasMessage("s.yml:7: steps[0].at: expected a duration: a whole number and a unit, ms, s, m or h "
                        + "(like 500ms, 5s, 2m); times are never negative, got \"-5s\"");
        scenarios.refused(Scenarios.VALID.replace("within: 5s", "within: -1s"))
                .hasMessageStartingWith("s.yml:12: expect[0].eventually.within: expected a duration");
        scenarios.refused(withSteps("  - {every: 0s, times: 2, fault: pull, targets: A/1}\n"))
                .hasMessage("s.yml:4: steps[0].every: expected a duration of more than 0s (like 4s): a step cannot "
                        + "fire every 0s");
    }

    @Test
    void aRackFileThatDoesNotExistIsRefused() {
        scenarios.refused(Scenarios.VALID.replace("rack: rack.yml", "rack: ../nowhere.yml"))
                .hasMessageStartingWith("s.yml:3: rack: no such rack file ")
                .hasMessageContaining("nowhere.yml; the path is relative to the scenario's folder");
    }

    @Test
    void aBrokenRackFileIsRefusedWithItsOwnProblems() {
        scenarios.write("bad.yml", Scenarios.RACK.replace("slots: 8", "slots: 99"));
        scenarios.refused(Scenarios.VALID.replace("rack: rack.yml", "rack: bad.yml"))
                .hasMessageContaining("s.yml:3: rack: the rack file bad.yml cannot be used; its problems follow")
                .hasMessageContaining("bad.yml:6: chassis[0].slots: expected an integer from 1 to 64, got 99");
    }

    @Test
    void aParamsKeyTheFaultDoesNotUseIsRefused() {
        scenarios.refused(withSteps("  - {at: 1s, fault: kill, targets: A/1, params: {loss: 5%}}\n"))
                .hasMessage("s.yml:4: steps[0].params.loss: unknown field \"loss\"; this fault takes no params");
        scenarios.refused(withSteps("  - {at: 1s, fault: impair, targets: A/1, params: {los: 5%}}\n"))
                .hasMessage("s.yml:4: steps[0].params.los: unknown field \"los\" (did you mean \"loss\"?); "
                        + "the fields allowed here are delay, jitter, loss");
        scenarios.refused(withSteps("  - {at: 1s, fault: usb-swap, targets: A}\n"))
                .hasMessageStartingWith("s.yml:4: steps[0]: missing required field \"params\"");
        scenarios.refused(withSteps("  - {at: 1s, fault: impair, targets: A/1, params: {loss: 150%}}\n"))
                .hasMessage("s.yml:4: steps[0].params.loss: expected a percentage from 0 to 100, got 150.0%");
    }

    @Test
    void anExpectationAnchoredOnAnUnknownStepIsRefused() {
        scenarios.refused(Scenarios.VALID.replace("after: pull-one", "after: pull-on"))
                .hasMessage("s.yml:12: expect[0].eventually.after: no step with id 'pull-on' (did you mean "
                        + "'pull-one'?); its steps are pull-one");
        scenarios.refused(Scenarios.VALID.replace("eventually: {after: pull-one, within: 5s}",
                        "always: {from: {step: nope}}"))
                .hasMessage("s.yml:12: expect[0].always.from.step: no step with id 'nope'; its steps are pull-one");
    }

    @Test
    void duplicateStepIdsAreRefused() {
        scenarios.refused(withSteps("""
                  - {id: a, at: 1s, fault: pull, targets: A/1}
                  - {id: a, at: 2s, fault: pull, targets: A/2}
                """)).hasMessage("s.yml:5: steps[1].id: duplicate step id 'a': steps[0] on line 4 has it too; "
                + "give each step its own id");
    }

    @Test
    void anAfterCycleIsRefusedOnce() {
        scenarios.refused(withSteps("""
                  - {id: a, after: {step: b}, fault: pull, targets: A/1}
                  - {id: b, after: {step: a}, fault: insert, targets: A/1}
                """)).hasMessage("s.yml:4: steps[0].after.step: the steps a -> b -> a wait for each other in a cycle, "
                + "so none of them would ever fire; start one of them with at or every");
        scenarios.refused(withSteps("  - {id: a, after: {step: a}, fault: pull, targets: A/1}\n"))
                .hasMessageContaining("steps[0].after.step: a step cannot follow itself ('a')");
    }

    @Test
    void anUnknownInvariantIsRefused() {
        scenarios.refused("scenario: s\nrack: rack.yml\ninvariants: [over-grnt]\n")
                .hasMessage("s.yml:3: invariants[0]: expected one of over-grant, leaked-seat, unexplained-suspension, "
                        + "got \"over-grnt\" (did you mean \"over-grant\"?)");
        scenarios.refused("scenario: s\nrack: rack.yml\ninvariants: [malformed-event]\n")
                .hasMessageContaining("invariants[0]: expected one of over-grant");
    }

    @Test
    void randomBelowOneIsRefused() {
        scenarios.refused(Scenarios.VALID.replace("random: 1", "random: 0"))
                .hasMessage("s.yml:9: steps[0].targets.random: expected an integer from 1 to 10000, got 0");
    }

    @Test
    void exactlyOneTimingWindowAndCondition() {
        scenarios.refused(withSteps("  - {at: 1s, every: 2s, times: 2, fault: pull, targets: A/1}\n"))
                .hasMessage("s.yml:4: steps[0]: give exactly one of at, every, after, got at and every");
        scenarios.refused(withSteps("  - {fault: pull, targets: A/1}\n"))
                .hasMessage("s.yml:4: steps[0]: give exactly one of at, every, after, got none of them");
        scenarios.refused(withSteps("  - {every: 2s, fault: pull, targets: A/1}\n"))
                .hasMessage("s.yml:4: steps[0]: missing field \"times\", which is required with \"every\"");
        scenarios.refused("scenario: s\nrack: rack.yml\nexpect:\n  - running: {app: www, equals: 2, atMost: 3}\n")
                .hasMessage("s.yml has 2 problems:\n"
                        + "  s.yml:4: expect[0]: give exactly one of eventually, always, got none of them\n"
                        + "  s.yml:4: expect[0].running: give exactly one of equals, atLeast, atMost, got equals and atMost");
    }

    @Test
    void unknownApplicationsAndSlotsInExpectationsAreRefused() {
        scenarios.refused(Scenarios.VALID.replace("running: {app: www", "running: {app: wwx"))
                .hasMessage("s.yml:13: expect[0].running.app: no application 'wwx' in the rack (did you mean 'www'?); "
                        + "its cards and licenses name www");
        scenarios.refused(Scenarios.VALID.replace("running: {app: www, equals: 2}", "slot: {name: A/8, running: true}"))
                .hasMessage("s.yml:13: expect[0].slot.name: no slot A/8 in this rack; chassis A has slots 0..7");
    }

    @Test
    void everyProblemIsListedAtOnceInLineOrder() {
        scenarios.refused(withSteps("""
                  - {id: a, at: 1s, fault: pull, targets: A/9}
                  - {id: a, at: 2s, fault: usb-detach, targets: Z}
                """)).hasMessage("s.yml has 3 problems:\n"
                + "  s.yml:4: steps[0].targets: no slot A/9 in this rack; chassis A has slots 0..7\n"
                + "  s.yml:5: steps[1].id: duplicate step id 'a': steps[0] on line 4 has it too; give each step its own id\n"
                + "  s.yml:5: steps[1].targets: no chassis named 'Z' in this rack; its chassis are: A");
    }

    @Test
    void fileProblemsAreNamed() throws Exception {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("missing.yml")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("missing.yml: no such file")
                .hasMessageContaining("the shipped scenarios are in cluster-configs/scenarios/");
        Path big = dir.resolve("big.yml");
        Files.write(big, new byte[1024 * 1024 + 1]);
        assertThatThrownBy(() -> ScenarioLoader.load(big))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("a scenario file may be at most 1 MiB");
        scenarios.refused("").hasMessage("s.yml: the file is empty; a scenario needs at least scenario and rack "
                + "(see cluster-configs/scenarios/pull-failover.yml)");
        scenarios.refused("scenario: s\nrack: rack.yml\nrack: other.yml\n")
                .hasMessageStartingWith("s.yml:3: not valid YAML: the key 'rack' appears twice");
        scenarios.refused("scenario: s\nrak: rack.yml\n").hasMessageContaining("(did you mean \"rack\"?)");
    }
}
