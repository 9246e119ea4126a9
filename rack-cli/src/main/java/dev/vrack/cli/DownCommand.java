package dev.vrack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack down [RACK]}. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop a rack: every cartridge removed gracefully, then every process of the rack ended.")
final class DownCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(paramLabel = "RACK", arity = "0..1", description = "The rack to stop (default: the only one).")
    String name;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "How long cartridges get to stop before their power is cut (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(name);
        int killed = new RackStopper(selected.config(), selected.layout()).down(timeoutMs);
        rack.spec.commandLine().getOut().printf("rack %s is down%s%n", selected.config().name(),
                killed == 0 ? "" : " (" + killed + " processes had to be killed)");
        return 0;
    }
}
