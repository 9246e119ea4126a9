package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack power CHASSIS/SLOT on|off}. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = "Switch a slot's power: off cuts it at once (the cartridge stays seated), on boots it again.")
final class PowerCommand implements Callable<Integer> {

    enum Switch { on, off }

    @ParentCommand
    RackCommand rack;

    @Parameters(index = "0", paramLabel = "CHASSIS/SLOT", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Parameters(index = "1", paramLabel = "on|off")
    Switch power;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        JsonNode answer = HardwareVerb.chassis(selected, slot.chassis())
                .post("slots/" + slot.slot() + "/power", Map.of("on", power == Switch.on));
        rack.spec.commandLine().getOut().println("power " + power + ": " + HardwareVerb.describeSlot(slot, answer));
        return 0;
    }
}
