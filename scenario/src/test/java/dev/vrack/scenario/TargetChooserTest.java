package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Target selection: filters, then a seeded draw that repeats exactly and never shifts between steps. */
class TargetChooserTest {

    /** A/0 management; A/1..A/10 www, odd ones licensed; A/11 empty; B/1 primes. */
    private static final List<SlotView> RACK = rack();

    private static List<SlotView> rack() {
        List<SlotView> slots = new ArrayList<>();
        slots.add(new SlotView("B/1", "B", 1, "app", "primes", true, true));
        for (int i = 10; i >= 1; i--) {
            slots.add(new SlotView("A/" + i, "A", i, "app", "www", i % 2 == 1, true));
        }
        slots.add(new SlotView("A/0", "A", 0, "management", "", false, true));
        slots.add(new SlotView("A/11", "A", 11, "", "", false, false));
        return List.copyOf(slots);
    }

    private static Step step(String id, TargetSpec targets) {
        return new Step(id, 1, new Timing.At(0), FaultKind.PULL, targets, FaultParams.NONE);
    }

    private static TargetSpec.Selector selector(String kind, String app, Boolean licensed, String chassis, Integer n) {
        return new TargetSpec.Selector(Optional.ofNullable(kind), Optional.ofNullable(app),
                Optional.ofNullable(licensed), Optional.ofNullable(chassis),
                n == null ? OptionalInt.empty() : OptionalInt.of(n));
    }

    @Test
    void namedTargetsComeBackAsGiven() {
        Step step = step("s", new TargetSpec.Named(List.of("A/3", "A/1")));
        assertThat(new TargetChooser(1).choose(step, 1, RACK)).containsExactly("A/3", "A/1");
    }

    @Test
    void aSelectorWithoutRandomGivesEveryMatchInRackOrder() {
        TargetChooser chooser = new TargetChooser(1);
        assertThat(chooser.choose(step("s", selector("app", "www", true, null, null)), 1, RACK))
                .containsExactly("A/1", "A/3", "A/5", "A/7", "A/9");
        assertThat(chooser.choose(step("s", selector(null, null, null, "B", null)), 1, RACK)).containsExactly("B/1");
        assertThat(chooser.choose(step("s", selector("management", null, null, null, null)), 1, RACK))
                .containsExactly("A/0");
        assertThat(chooser.choose(step("s", selector(null, null, false, "A", null)), 1, RACK))
                .as("empty slots are never chosen").doesNotContain("A/11").contains("A/0", "A/2");
    }

    @Test
    void theSameSeedStepAndFiringAlwaysDrawTheSameTargetsInTheSameOrder() {
        Step step = step("kill", selector("app", "www", null, null, 3));
        List<String> first = new TargetChooser(42).choose(step, 2, RACK);
        List<SlotView> shuffledCandidates = new ArrayList<>(RACK);
        java.util.Collections.reverse(shuffledCandidates);
        assertThat(new TargetChooser(42).choose(step, 2, shuffledCandidates)).isEqualTo(first);
        assertThat(first).hasSize(3).doesNotHaveDuplicates().allMatch(n -> n.startsWith("A/"));
    }

    @Test
    void differentSeedsDrawDifferentlyOverManyDraws() {
        Step step = step("kill", selector("app", "www", null, null, 1));
        int differences = 0;
        Set<String> seen = new HashSet<>();
        for (int firing = 1; firing <= 200; firing++) {
            String a = new TargetChooser(1).choose(step, firing, RACK).get(0);
            String b = new TargetChooser(2).choose(step, firing, RACK).get(0);
            seen.add(a);
            differences += a.equals(b) ? 0 : 1;
        }
        assertThat(differences).as("of 200 draws from 10, about 180 differ").isGreaterThan(150);
        assertThat(seen).as("every www slot gets drawn").hasSize(10);
    }

    @Test
    void oneStepsDrawNeverShiftsAnothers() {
        Step kill = step("kill", selector("app", "www", null, null, 2));
        Step other = step("other", selector("app", "www", null, null, 2));
        TargetChooser alone = new TargetChooser(9);
        List<String> killAlone = alone.choose(kill, 3, RACK);
        TargetChooser busy = new TargetChooser(9);
        busy.choose(other, 1, RACK);
        busy.choose(other, 2, RACK);
        busy.choose(kill, 1, RACK);
        assertThat(busy.choose(kill, 3, RACK)).isEqualTo(killAlone);
    }

    @Test
    void randomAboveTheMatchesTakesThemAll() {
        assertThat(new TargetChooser(3).choose(step("s", selector(null, "primes", null, null, 5)), 1, RACK))
                .containsExactly("B/1");
    }

    @Test
    void sameAsRepeatsTheChoiceOfTheSameFiringElseTheLatest() {
        TargetChooser chooser = new TargetChooser(5);
        Step kill = step("kill", selector("app", "www", true, null, 1));
        Step insert = step("insert", new TargetSpec.SameAs("kill"));
        List<String> killed1 = chooser.choose(kill, 1, RACK);
        List<String> killed2 = chooser.choose(kill, 2, RACK);
        assertThat(chooser.choose(insert, 1, RACK)).isEqualTo(killed1);
        assertThat(chooser.choose(insert, 2, RACK)).isEqualTo(killed2);
        assertThat(chooser.choose(insert, 3, RACK)).isEqualTo(killed2);
        assertThat(new TargetChooser(5).choose(insert, 1, RACK)).isEmpty();
    }

    @Test
    void noTargetsGiveAnEmptyList() {
        assertThat(new TargetChooser(0).choose(step("s", new TargetSpec.None()), 1, RACK)).isEmpty();
    }
}
