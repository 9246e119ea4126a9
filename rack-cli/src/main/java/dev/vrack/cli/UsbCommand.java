package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack usb CHASSIS attach FILE|detach|swap FILE}. */
@Command(name = "usb", mixinStandardHelpOptions = true,
        description = "Attach a hardware key image to a chassis's USB port, detach the key in it, or swap it for another.")
final class UsbCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(index = "0", paramLabel = "CHASSIS")
    String chassis;

    @Parameters(index = "1", paramLabel = "attach|detach|swap")
    String action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILE", description = "The key image, for attach and swap.")
    Path file;

    @Override
    public Integer call() {
        FaultKind fault = switch (action) {
            case "attach" -> FaultKind.USB_ATTACH;
            case "detach" -> FaultKind.USB_DETACH;
            case "swap" -> FaultKind.USB_SWAP;
            default -> throw new picocli.CommandLine.ParameterException(rack.spec.commandLine(),
                    "expected attach, detach or swap, got '" + action + "'");
        };
        FaultParams params = FaultParams.NONE;
        if (fault != FaultKind.USB_DETACH) {
            if (file == null) {
                throw new picocli.CommandLine.ParameterException(rack.spec.commandLine(),
                        "usb " + action + " needs the key image: rack usb " + chassis + " " + action + " FILE");
            }
            params = params.withKey(file.toAbsolutePath());
        }
        new FaultInjector(rack.select(null)).inject(fault, List.of(chassis), params, Map.of())
                .forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }
}
