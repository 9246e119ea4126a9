package dev.vrack.firstembodiment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rack first-embodiment ...}: seed 000's first embodiment by hand. Make a processing device, issue a
 * program image and software license keys bound to device IDs, and run the program on a device.
 */
@Command(name = "first-embodiment", mixinStandardHelpOptions = true,
        description = "Software license keys bound to a device's read-only ID (seed 000, first embodiment).",
        subcommands = {FirstEmbodimentDeviceCommand.class, FirstEmbodimentIssueCommand.class, FirstEmbodimentRunCommand.class})
public final class FirstEmbodimentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing a verb: device, issue or run (rack first-embodiment --help)");
    }
}
