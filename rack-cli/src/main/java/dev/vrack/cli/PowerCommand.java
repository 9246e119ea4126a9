package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.List;
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
        new FaultInjector(rack.select(null)).inject(power == Switch.on ? FaultKind.POWER_ON : FaultKind.POWER_OFF,
                List.of(slot.toString()), FaultParams.NONE, Map.of()).forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }
}
