package dev.vrack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack license release CHASSIS/SLOT}: the administrator's force-free of a seat (as lmremove does). */
@Command(name = "license", mixinStandardHelpOptions = true, description = "Administer license seats.",
        subcommands = LicenseCommand.Release.class)
final class LicenseCommand {

    @ParentCommand
    RackCommand rack;

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Free the seat a slot holds; its application is suspended first.")
    static final class Release implements Callable<Integer> {

        @ParentCommand
        LicenseCommand license;

        @Parameters(paramLabel = "CHASSIS/SLOT", converter = SlotAddressConverter.class)
        SlotAddress slot;

        @Override
        public Integer call() {
            RackCommand rack = license.rack;
            RackCommand.Selected selected = rack.select(null);
            var status = RackStatusReader.read(selected.config(), selected.layout());
            ManagerClient manager = ManagerClient.of(selected.layout(), status).orElseThrow(() -> new CliException(
                    "rack " + selected.config().name() + " has no management cartridge up; see: rack status"));
            manager.release(slot);
            rack.spec.commandLine().getOut().println("released the seat of " + slot + "; its application was suspended");
            return 0;
        }
    }
}
