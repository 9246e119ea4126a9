package dev.vrack.cli;

import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.vendor.EncryptionResult;
import dev.vrack.vendor.EncryptionSelection;
import dev.vrack.vendor.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rack vendor encrypt --app-key FILE --app JAR [--encrypt GLOB...] --out BUNDLE}. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt an application jar or directory with its application encryption key (only the selected files).")
final class VendorEncryptCommand implements Callable<Integer> {

    @ParentCommand
    VendorCommand vendor;

    @Option(names = "--app-key", required = true, paramLabel = "FILE",
            description = "The application encryption key (VRAPPK) the authority issued.")
    Path appKey;

    @Option(names = "--authority", paramLabel = "FILE",
            description = "The authority's public key, to check the key file's signature (default: the rack's authority/authority.pub).")
    Path authority;

    @Option(names = "--app", required = true, paramLabel = "JAR|DIR", description = "The application: a jar or a directory.")
    Path app;

    @Option(names = "--encrypt", paramLabel = "GLOB", arity = "1..*",
            description = "Files to encrypt, as globs inside the application ('**' crosses folders; default: every .class file).")
    List<String> globs = List.of();

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "The encrypted bundle to write.")
    Path out;

    @Override
    public Integer call() {
        try {
            ApplicationEncryptionKey key = ApplicationEncryptionKey.read(appKey, authorityKey());
            EncryptionResult result = new Vendor().encryptApplication(app, EncryptionSelection.globs(globs), key, out);
            // Only the key ID is shown: keys never appear in command output.
            vendor.rack.spec.commandLine().getOut().println("encrypted " + result.encrypted().size() + " of "
                    + (result.encrypted().size() + result.readable().size()) + " files of " + app + " for application "
                    + result.applicationId() + " (key " + result.encryptionKeyId() + ") into " + result.bundle());
            return 0;
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private PublicKey authorityKey() throws IOException {
        if (authority != null) {
            return AuthorityPublicKeyFile.read(authority);
        }
        Path rackAuthority;
        try {
            rackAuthority = vendor.rack.root().select(vendor.rack.rackName).authorityPublicKey();
        } catch (CliException e) {
            throw new CliException("no authority public key to check " + appKey + " with (" + e.getMessage()
                    + "): give --authority FILE (the authority's authority.pub)");
        }
        return AuthorityPublicKeyFile.read(rackAuthority);
    }
}
