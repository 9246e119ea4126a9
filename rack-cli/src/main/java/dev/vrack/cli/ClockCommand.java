package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack clock CHASSIS/SLOT step +30s|-2h|500ms}: a clock fault in one cartridge. */
@Command(name = "clock", mixinStandardHelpOptions = true,
        description = {"Step a cartridge's wall clock, as an NTP step or a wrong `date -s` would.",
                "Only the wall clock moves (lease dates, event times); the monotonic clock, which leases and",
                "timeouts measure with, never does. The cartridge records clock.stepped with its total offset."})
final class ClockCommand implements Callable<Integer> {

    enum Action { step }

    @ParentCommand
    RackCommand rack;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHASSIS/SLOT", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Parameters(index = "1", paramLabel = "step")
    Action action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "[+|-]DURATION",
            description = "How far: +30s (ahead), -2h (back), 500ms; units ms, s, m, h.")
    String step;

    /** Picocli takes {@code -2h} for an unknown option; it lands here and is read as the step. */
    @CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        long stepMs = stepMs();
        new FaultInjector(rack.select(null)).inject(FaultKind.CLOCK_STEP, List.of(slot.toString()),
                FaultParams.NONE.withStepMs(stepMs), Map.of()).forEach(spec.commandLine().getOut()::println);
        return 0;
    }

    private long stepMs() {
        List<String> given = new ArrayList<>(unmatched);
        if (step != null) {
            given.add(0, step);
        }
        if (given.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), given.isEmpty()
                    ? "missing how far to step, e.g.: rack clock " + slot + " step +30s (or -2h, 500ms)"
                    : "one step only, got: " + String.join(" ", given));
        }
        try {
            return DurationText.parseMs(given.get(0), true);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
