package dev.vrack.firstembodiment.cli;

import dev.vrack.firstembodiment.ExecutionRefusedException;
import dev.vrack.firstembodiment.ProcessingDevice;
import dev.vrack.firstembodiment.RunningProgram;
import dev.vrack.firstembodiment.api.FunctionNotAllowedException;
import dev.vrack.keychain.AuthorityPublicKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rack first-embodiment run}: one execution of a program on a device, calling one of its functions. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an encrypted program on a device with its software license key (counts one execution).")
final class FirstEmbodimentRunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", required = true, paramLabel = "DIR", description = "The device's folder.")
    Path device;

    @Option(names = "--license-key", required = true, paramLabel = "FILE", description = "The software license key (.swlk).")
    Path licenseKey;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "The encrypted program image (.swb).")
    Path program;

    @Option(names = "--authority", required = true, paramLabel = "FILE", description = "The authority's public key (authority.pub).")
    Path authority;

    @Option(names = "--call", required = true, paramLabel = "FUNCTION", description = "The function of the program to call.")
    String function;

    @Option(names = "--input", defaultValue = "", paramLabel = "TEXT", description = "The function's input.")
    String input;

    @Override
    public Integer call() {
        try {
            ProcessingDevice processingDevice = ProcessingDevice.open(device);
            try (RunningProgram running = processingDevice.execute(licenseKey, program, AuthorityPublicKeyFile.read(authority))) {
                spec.commandLine().getOut().println(running.call(function, input));
                spec.commandLine().getErr().println("execution " + running.execution() + " under license key "
                        + running.licenseKeyId() + " on device " + processingDevice.id() + "; " + running.executionsLeft() + " left");
            }
            return 0;
        } catch (IOException | ExecutionRefusedException | FunctionNotAllowedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("the program's function '" + function + "' failed: " + e, e);
        }
    }
}
