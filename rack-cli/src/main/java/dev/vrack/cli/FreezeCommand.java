package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import picocli.CommandLine.Command;

/** {@code rack freeze TARGET...}. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = "Freeze a cartridge process (SIGSTOP): it holds its seat and its sockets but does nothing until thawed.")
final class FreezeCommand extends TargetedFaultCommand {

    @Override
    FaultKind fault() {
        return FaultKind.FREEZE;
    }
}
