package dev.vrack.firstembodiment.cli;

import dev.vrack.firstembodiment.DeviceId;
import dev.vrack.firstembodiment.ProcessingDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rack first-embodiment device --dir DIR --device-id ID}: makes a processing device. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Make a processing device: a folder with a read-only device ID and an execution counter.")
final class FirstEmbodimentDeviceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The device's folder (created).")
    Path dir;

    @Option(names = "--device-id", required = true, paramLabel = "ID", description = "Its identification, e.g. DEV-0001 (not a secret).")
    String deviceId;

    @Override
    public Integer call() {
        try {
            ProcessingDevice device = ProcessingDevice.create(dir, new DeviceId(deviceId));
            spec.commandLine().getOut().println("device " + device.id() + " made in " + device.dir()
                    + " (its ID memory is read-only; the ID is not a secret)");
            return 0;
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot make the device (" + e.getMessage() + ")", e);
        }
    }
}
