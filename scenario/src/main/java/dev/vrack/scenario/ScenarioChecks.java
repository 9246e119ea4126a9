package dev.vrack.scenario;

import dev.vrack.config.FieldPath;
import dev.vrack.config.ProblemSink;
import dev.vrack.config.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a schema cannot express: unique step ids, references to steps (anchors, {@code after}, {@code sameAs}),
 * {@code after} cycles, targets that suit their fault, and the names of slots, chassis and applications against
 * the rack (when the rack file could be loaded).
 */
final class ScenarioChecks {

    private final ProblemSink problems;
    private final Optional<RackNames> rack;
    private final Map<String, Integer> stepIndex = new LinkedHashMap<>();

    ScenarioChecks(ProblemSink problems, Optional<RackNames> rack) {
        this.problems = problems;
        this.rack = rack;
    }

    void check(List<Step> steps, List<Expectation> expectations) {
        uniqueIds(steps);
        for (int i = 0; i < steps.size(); i++) {
            FieldPath path = StepReader.STEPS.index(i);
            Step step = steps.get(i);
            trigger(step, path);
            targets(step, path.field("targets"));
            params(step.params(), path.field("params"));
            if (step.fault() == FaultKind.RESTART_MANAGER && rack.isPresent() && !rack.get().managed()) {
                problems.add(path.field("fault"), "restart-manager needs a management cartridge, and the rack has "
                        + "none; add one (kind: management, slot 0) or remove the step");
            }
        }
        cycles(steps);
        for (int i = 0; i < expectations.size(); i++) {
            expectation(expectations.get(i), ExpectationReader.EXPECT.index(i));
        }
    }

    private void uniqueIds(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Integer first = stepIndex.putIfAbsent(steps.get(i).id(), i);
            if (first != null) {
                FieldPath path = StepReader.STEPS.index(i);
                problems.add(problems.present(path.field("id")) ? path.field("id") : path, "duplicate step id '"
                        + steps.get(i).id() + "': steps[" + first + "] on line " + steps.get(first).line()
                        + " has it too; give each step its own id");
            }
        }
    }

    private void trigger(Step step, FieldPath path) {
        if (!(step.timing() instanceof Timing.After after)) {
            return;
        }
        if (after.stepId() != null) {
            if (after.stepId().equals(step.id())) {
                problems.add(path.field("after").field("step"), "a step cannot follow itself ('" + step.id()
                        + "'); name another step");
            } else {
                knownStep(after.stepId(), path.field("after").field("step"));
            }
        }
        if (after.source() != null && !after.source().equals("rack")) {
            rack.flatMap(r -> r.problemWith(after.source()))
                    .ifPresent(p -> problems.add(path.field("after").field("source"), p));
        }
    }

    private void targets(Step step, FieldPath path) {
        FaultKind fault = step.fault();
        TargetSpec targets = step.targets();
        if (fault.targetKind() == FaultKind.TargetKind.NONE) {
            if (!(targets instanceof TargetSpec.None)) {
                problems.add(path, fault.id() + " takes no targets (" + fault.meaning() + "); remove targets");
            }
            return;
        }
        if (targets instanceof TargetSpec.Named named) {
            boolean list = problems.valueAt(path).isArray();
            for (int j = 0; j < named.names().size(); j++) {
                name(fault, named.names().get(j), list ? path.index(j) : path);
            }
        } else if (targets instanceof TargetSpec.SameAs same) {
            if (same.stepId().equals(step.id())) {
                problems.add(path.field("sameAs"), "a step cannot repeat its own targets; name another step");
            } else {
                knownStep(same.stepId(), path.field("sameAs"));
            }
        } else if (targets instanceof TargetSpec.Selector selector) {
            if (fault.targetKind() == FaultKind.TargetKind.CHASSIS) {
                problems.add(path, fault.id() + " acts on a chassis, and a selector picks slots; name the chassis "
                        + "(like A)");
            }
            selector.chassis().flatMap(c -> rack.flatMap(r -> r.problemWith(c)))
                    .ifPresent(p -> problems.add(path.field("chassis"), p));
            selector.app().ifPresent(a -> app(a, path.field("app")));
        }
    }

    /** A named target suits its fault ("A/3" for a slot, "A" for a chassis) and exists in the rack. */
    private void name(FaultKind fault, String name, FieldPath path) {
        boolean slot = name.contains("/");
        if (slot && fault.targetKind() == FaultKind.TargetKind.CHASSIS) {
            problems.add(path, fault.id() + " acts on a chassis; name it (like " + name.substring(0,
                    name.indexOf('/')) + "), not a slot");
            return;
        }
        if (!slot && fault.targetKind() == FaultKind.TargetKind.SLOT) {
            problems.add(path, fault.id() + " acts on a slot; name one as chassis/slot (like " + name + "/1)");
            return;
        }
        rack.flatMap(r -> r.problemWith(name)).ifPresent(p -> problems.add(path, p));
    }

    private void params(FaultParams params, FieldPath path) {
        params.lossPercent().ifPresent(loss -> {
            if (loss > 100) {
                problems.add(path.field("loss"), "expected a percentage from 0 to 100, got " + loss + "%");
            }
        });
        params.app().ifPresent(a -> app(a, path.field("app")));
        existing(params.key(), path.field("key"), "hardware key image");
        existing(params.card(), path.field("card"), "card image");
        existing(params.file(), path.field("file"), "license file");
    }

    private void existing(Optional<Path> file, FieldPath path, String what) {
        file.filter(f -> !Files.isRegularFile(f)).ifPresent(f -> problems.add(path, "no such " + what + " " + f
                + "; the path is relative to the scenario's folder"));
    }

    private void expectation(Expectation expectation, FieldPath path) {
        if (expectation.window() instanceof Window.Eventually eventually) {
            anchor(eventually.from(), path.field("eventually").field("after"));
        } else if (expectation.window() instanceof Window.Always always) {
            anchor(always.from(), path.field("always").field("from").field("step"));
            anchor(always.to(), path.field("always").field("to").field("step"));
        }
        Condition condition = expectation.condition();
        if (condition instanceof Condition.Running running) {
            app(running.app(), path.field("running").field("app"));
        } else if (condition instanceof Condition.WithinCount within) {
            app(within.app(), path.field("withinCount"));
        } else if (condition instanceof Condition.SlotRunning slot) {
            rack.flatMap(r -> r.problemWith(slot.slot()))
                    .ifPresent(p -> problems.add(path.field("slot").field("name"), p));
        }
    }

    private void anchor(Anchor anchor, FieldPath path) {
        anchor.stepId().ifPresent(id -> knownStep(id, path));
    }

    private void knownStep(String id, FieldPath path) {
        if (stepIndex.containsKey(id)) {
            return;
        }
        String known = stepIndex.isEmpty() ? "this scenario has no steps"
                : "its steps are " + String.join(", ", stepIndex.keySet());
        String guess = Suggestions.closest(id, stepIndex.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("");
        problems.add(path, "no step with id '" + id + "'" + guess + "; " + known);
    }

    private void app(String app, FieldPath path) {
        rack.flatMap(RackNames::apps).filter(apps -> !apps.contains(app)).ifPresent(apps -> {
            String guess = Suggestions.closest(app, apps).map(s -> " (did you mean '" + s + "'?)").orElse("");
            problems.add(path, "no application '" + app + "' in the rack" + guess + "; its cards and licenses name "
                    + (apps.isEmpty() ? "none" : String.join(", ", apps)));
        });
    }

    /** Steps that wait for each other in a loop would never fire: each such loop is refused once. */
    private void cycles(List<Step> steps) {
        Map<String, String> follows = new HashMap<>();
        for (Step step : steps) {
            if (step.timing() instanceof Timing.After after && after.stepId() != null
                    && stepIndex.containsKey(after.stepId())) {
                follows.put(step.id(), after.stepId());
            }
        }
        List<String> reported = new ArrayList<>();
        for (Step step : steps) {
            List<String> chain = new ArrayList<>();
            String current = step.id();
            while (current != null && !chain.contains(current)) {
                chain.add(current);
                current = follows.get(current);
            }
            if (current != null && current.equals(step.id()) && reported.stream().noneMatch(chain::contains)) {
                reported.add(step.id());
                chain.add(step.id());
                int index = stepIndex.get(step.id());
                problems.add(StepReader.STEPS.index(index).field("after").field("step"), "the steps "
                        + String.join(" -> ", chain) + " wait for each other in a cycle, so none of them would "
                        + "ever fire; start one of them with at or every");
            }
        }
    }
}
