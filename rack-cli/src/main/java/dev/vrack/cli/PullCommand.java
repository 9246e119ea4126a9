package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.List;
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
        FaultParams params = graceful ? FaultParams.NONE.withTimeoutMs(timeoutMs) : FaultParams.NONE;
        new FaultInjector(rack.select(null)).inject(graceful ? FaultKind.REMOVE : FaultKind.PULL,
                List.of(slot.toString()), params, Map.of()).forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }
}
