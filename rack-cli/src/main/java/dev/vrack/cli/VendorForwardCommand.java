package dev.vrack.cli;

import dev.vrack.vendor.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack vendor forward LICENSE --nas DIR}. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Forward an execution license into a rack's NAS folder (atomically: the rack never sees half a file).")
final class VendorForwardCommand implements Callable<Integer> {

    @ParentCommand
    VendorCommand vendor;

    @Parameters(index = "0", paramLabel = "LICENSE", description = "The license file the authority issued.")
    Path license;

    @Option(names = "--nas", required = true, paramLabel = "DIR", description = "The rack's NAS folder (<state>/<rack>/nas).")
    Path nas;

    @Override
    public Integer call() {
        try {
            Path written = new Vendor().forwardLicense(license, nas);
            vendor.rack.spec.commandLine().getOut().println("forwarded " + license + " to " + written);
            return 0;
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
