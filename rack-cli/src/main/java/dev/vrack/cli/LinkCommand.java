package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack link CHASSIS/SLOT up|down}. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Set a slot's network link at the hub: down cuts it (nothing passes either way), up restores it.")
final class LinkCommand implements Callable<Integer> {

    enum State { up, down }

    @ParentCommand
    RackCommand rack;

    @Parameters(index = "0", paramLabel = "CHASSIS/SLOT", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Parameters(index = "1", paramLabel = "up|down")
    State link;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        JsonNode answer = HardwareVerb.chassis(selected, slot.chassis())
                .post("slots/" + slot.slot() + "/link", Map.of("link", link.name()));
        rack.spec.commandLine().getOut().println("link " + link + ": " + HardwareVerb.describeSlot(slot, answer));
        return 0;
    }
}
