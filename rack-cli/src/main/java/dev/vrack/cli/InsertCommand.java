package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack insert CHASSIS/SLOT --card FILE}. */
@Command(name = "insert", mixinStandardHelpOptions = true,
        description = "Insert a cartridge with a memory card into an empty slot; it powers on and boots.")
final class InsertCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(paramLabel = "CHASSIS/SLOT", description = "The slot, e.g. A/4.", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Option(names = "--card", required = true, paramLabel = "FILE",
            description = "The memory card image the cartridge boots from (e.g. one under the rack's cards/ folder).")
    Path card;

    @Option(names = "--no-power", description = "Seat the cartridge without powering it on.")
    boolean noPower;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        if (!Files.isRegularFile(card)) {
            throw new CliException("card file " + card + " does not exist; cards of this rack are in "
                    + selected.layout().cardsDir());
        }
        if (!noPower) {
            new FaultInjector(selected).inject(FaultKind.INSERT, List.of(slot.toString()),
                    FaultParams.NONE.withCard(card.toAbsolutePath()), Map.of())
                    .forEach(rack.spec.commandLine().getOut()::println);
            return 0;
        }
        JsonNode answer = HardwareVerb.chassis(selected, slot.chassis()).post("slots/" + slot.slot() + "/insert",
                Map.of("card", card.toAbsolutePath().toString(), "power", false));
        rack.spec.commandLine().getOut().println("inserted " + HardwareVerb.describeSlot(slot, answer));
        return 0;
    }
}
