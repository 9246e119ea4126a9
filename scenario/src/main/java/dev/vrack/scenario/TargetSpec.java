package dev.vrack.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Which slots (or chassis) a step acts on. */
public sealed interface TargetSpec {

    /** No target: the fault names its object in its parameters. */
    record None() implements TargetSpec {
    }

    /** Named targets: "A/3" for a slot, "A" for a chassis; checked against the rack file when loaded. */
    record Named(List<String> names) implements TargetSpec {
        public Named {
            names = List.copyOf(names);
        }
    }

    /**
     * Slots chosen when the step fires, from the rack's live status: every slot that matches all the given
     * filters, then {@code random} of them drawn with the scenario's seed (all of them when empty).
     *
     * @param kind     "app" or "management"
     * @param app      the application on the slot's card
     * @param licensed true: the slot's application runs under a granted seat; false: it does not
     * @param chassis  only slots of this chassis
     */
    /**
     * The slots another step chose at its corresponding firing (the same firing number, else its latest one):
     * "re-insert what the kill step killed".
     *
     * @param stepId the step whose choice to repeat
     */
    record SameAs(String stepId) implements TargetSpec {
    }

    record Selector(Optional<String> kind, Optional<String> app, Optional<Boolean> licensed, Optional<String> chassis,
                    OptionalInt random) implements TargetSpec {
    }
}
