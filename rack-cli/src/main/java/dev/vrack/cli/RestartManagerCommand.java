package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rack restart-manager}. */
@Command(name = "restart-manager", mixinStandardHelpOptions = true,
        description = "Restart the management cartridge (power off, power on): DHCP and the license manager come "
                + "back from their files; agents reconnect.")
final class RestartManagerCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Override
    public Integer call() {
        new FaultInjector(rack.select(null)).inject(FaultKind.RESTART_MANAGER, List.of(), FaultParams.NONE, Map.of())
                .forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }
}
