package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack pull CHASSIS/SLOT [--graceful]}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Pull a cartridge out of its slot: at once (a power cut, the process is killed) or --graceful.")
final class PullCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(paramLabel = "CHASSIS/SLOT", description = "The slot, e.g. A/3.", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Option(names = "--graceful", description = "Ask the cartridge to stop first (it releases what it holds).")
    boolean graceful;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "With --graceful: how long before the power is cut anyway (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        JsonNode answer = HardwareVerb.chassis(selected, slot.chassis())
                .post("slots/" + slot.slot() + "/pull", Map.of("graceful", graceful, "timeoutMs", timeoutMs));
        rack.spec.commandLine().getOut().println("pulled " + slot + (graceful ? " gracefully" : "")
                + "; slot is now " + answer.path("state").asText("empty"));
        return 0;
    }
}
