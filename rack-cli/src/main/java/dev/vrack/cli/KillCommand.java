package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import picocli.CommandLine.Command;

/** {@code rack kill TARGET...}. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill -9 a cartridge process (A/3: a crash, no goodbye) or a chassis process (A: its cartridges die with it).")
final class KillCommand extends TargetedFaultCommand {

    @Override
    FaultKind fault() {
        return FaultKind.KILL;
    }
}
