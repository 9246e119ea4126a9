package dev.vrack.firstembodiment.cli;

import dev.vrack.firstembodiment.DeviceId;
import dev.vrack.firstembodiment.ProgramImage;
import dev.vrack.firstembodiment.SoftwareLicenseKey;
import dev.vrack.firstembodiment.UsageConditions;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rack first-embodiment issue}: the authority and provider in one step (FIG. 5): a fresh key pair for the
 * program, its encrypted image, and one software license key per device ID. The program's decryption key exists
 * only in memory and inside the license keys.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Encrypt a program jar and issue software license keys bound to device IDs.")
final class FirstEmbodimentIssueCommand implements Callable<Integer> {

    static final String PASSPHRASE_ENV = "RACK_AUTHORITY_PASSPHRASE";

    /** Where environment variables come from (tests replace it: a JVM cannot set its own environment). */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--authority-key", required = true, paramLabel = "FILE",
            description = "The authority's private key (authority.key); its passphrase comes from $" + PASSPHRASE_ENV + ".")
    Path authorityKey;

    @Option(names = "--program", required = true, paramLabel = "JAR",
            description = "The program jar; its manifest names its DeviceProgram class (Device-Program-Class).")
    Path program;

    @Option(names = "--program-id", required = true, paramLabel = "ID", description = "The program's ID, e.g. wordtools.")
    String programId;

    @Option(names = "--device-id", required = true, arity = "1..*", paramLabel = "ID",
            description = "Device IDs to issue a license key for (repeatable).")
    List<String> deviceIds;

    @Option(names = "--executions", defaultValue = "10", paramLabel = "N", description = "Executions allowed per device (default 10).")
    int executions;

    @Option(names = "--allow", required = true, split = ",", paramLabel = "FUNCTION",
            description = "Functions of the program the license keys allow, e.g. --allow count,report.")
    List<String> allow;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write <program>.swb and <program>-<device>.swlk.")
    Path out;

    @Override
    public Integer call() {
        UsageConditions conditions = new UsageConditions(executions, new LinkedHashSet<>(allow));
        List<DeviceId> devices = deviceIds.stream().map(DeviceId::new).toList();
        String passphrase = environment.apply(PASSPHRASE_ENV);
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("$" + PASSPHRASE_ENV + " is not set: set it to the passphrase of " + authorityKey);
        }
        try {
            AuthorityKeys authority = AuthorityKeys.readPrivateKey(authorityKey, passphrase.toCharArray());
            ApplicationKeyPair keys = ApplicationKeyPair.generate(programId);
            PrintWriter printer = spec.commandLine().getOut();
            try {
                Files.createDirectories(out);
                Path image = out.resolve(programId + ".swb");
                Files.write(image, ProgramImage.seal(program, keys.encryptionKey()));
                printer.println("program image " + image + " (encryption key " + keys.encryptionKey().keyId() + ")");
                for (DeviceId device : devices) {
                    Path licenseKey = out.resolve(programId + "-" + device.value().replaceAll("[^A-Za-z0-9._-]", "_") + ".swlk");
                    Files.write(licenseKey, SoftwareLicenseKey.issue(authority, keys.decryptionKey(), device, conditions,
                            Clock.systemUTC()));
                    printer.println("license key " + licenseKey + " for device " + device + ": " + conditions.maxExecutions()
                            + " executions, functions " + conditions.sortedFunctions());
                }
            } finally {
                keys.decryptionKey().destroy();
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
