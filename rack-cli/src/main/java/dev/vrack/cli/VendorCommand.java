package dev.vrack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rack vendor ...}: the software provider's verbs (seed 000, sections 620-640). */
@Command(name = "vendor", mixinStandardHelpOptions = true,
        description = "Play the software provider: encrypt an application, write its memory card, forward a license.",
        subcommands = {VendorEncryptCommand.class, VendorCardCommand.class, VendorForwardCommand.class})
final class VendorCommand {

    @ParentCommand
    RackCommand rack;
}
