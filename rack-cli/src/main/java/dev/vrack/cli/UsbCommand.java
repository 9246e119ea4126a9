package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack usb CHASSIS attach FILE|detach}. */
@Command(name = "usb", mixinStandardHelpOptions = true,
        description = "Attach a hardware key image to a chassis's USB port, or detach the key in it.")
final class UsbCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(index = "0", paramLabel = "CHASSIS")
    String chassis;

    @Parameters(index = "1", paramLabel = "attach|detach")
    String action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILE", description = "The key image, for attach.")
    Path file;

    @Override
    public Integer call() {
        RackCommand.Selected selected = rack.select(null);
        ChassisClient client = HardwareVerb.chassis(selected, chassis);
        JsonNode answer;
        switch (action) {
            case "attach" -> {
                if (file == null) {
                    throw new picocli.CommandLine.ParameterException(rack.spec.commandLine(),
                            "usb attach needs the key image: rack usb " + chassis + " attach FILE");
                }
                answer = client.post("usb/attach", Map.of("file", file.toAbsolutePath().toString()));
            }
            case "detach" -> answer = client.post("usb/detach", Map.of());
            default -> throw new picocli.CommandLine.ParameterException(rack.spec.commandLine(),
                    "expected attach or detach, got '" + action + "'");
        }
        rack.spec.commandLine().getOut().println("chassis " + chassis + " usb: "
                + (answer.path("attached").asBoolean() ? "key " + answer.path("keyId").asText() + " attached" : "empty"));
        return 0;
    }
}
