package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A fault verb that acts on one or more named targets ({@code A/3} slots, or {@code A} for a chassis). */
abstract class TargetedFaultCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "A slot such as A/3 (or a chassis such as A, "
            + "where the fault acts on a chassis).")
    List<String> targets;

    abstract FaultKind fault();

    FaultParams params() {
        return FaultParams.NONE;
    }

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        for (String target : targets) {
            checkTarget(target);
        }
        new FaultInjector(selected).inject(fault(), targets, params(), Map.of())
                .forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }

    private void checkTarget(String target) {
        boolean slot = target.contains("/");
        if (slot) {
            SlotAddress.parse(target);
        }
        FaultKind.TargetKind kind = fault().targetKind();
        if (slot && kind == FaultKind.TargetKind.CHASSIS || !slot && kind == FaultKind.TargetKind.SLOT) {
            throw new CliException(fault().id() + " acts on " + (slot ? "a chassis, such as A" : "a slot, such as A/3")
                    + "; got '" + target + "'");
        }
    }
}
