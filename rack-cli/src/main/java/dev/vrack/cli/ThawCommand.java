package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import picocli.CommandLine.Command;

/** {@code rack thaw TARGET...}. */
@Command(name = "thaw", mixinStandardHelpOptions = true,
        description = "Thaw a frozen cartridge process (SIGCONT).")
final class ThawCommand extends TargetedFaultCommand {

    @Override
    FaultKind fault() {
        return FaultKind.THAW;
    }
}
