package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Parameters(index = "2", paramLabel = "[+|-]DURATION", converter = DurationText.Signed.class,
            description = "How far: +30s (ahead), -2h (back), 500ms; units ms, s, m, h.")
    long stepMs;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        JsonNode answer = HardwareVerb.chassis(selected, slot.chassis())
                .post("slots/" + slot.slot() + "/clock", Map.of("stepMs", stepMs));
        spec.commandLine().getOut().println("clock of " + slot + " stepped " + (stepMs >= 0 ? "+" : "") + stepMs
                + " ms: " + HardwareVerb.describeSlot(slot, answer));
        return 0;
    }
}
