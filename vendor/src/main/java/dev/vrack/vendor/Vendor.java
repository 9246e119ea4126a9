package dev.vrack.vendor;

import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The software provider (seed 000, FIG. 21-25, sections 610-640): encrypts an application with the application
 * encryption key, writes memory cards, forwards licenses to a rack's NAS folder. It holds only the encryption
 * key: nothing here can decrypt a bundle or issue a license.
 */
public final class Vendor {

    private final CardWriter cards;
    private final LicenseForwarder licenses = new LicenseForwarder();

    /** A provider on the system clock. */
    public Vendor() {
        this(Clock.systemUTC());
    }

    /** A provider whose cards record the given clock's time. */
    public Vendor(Clock clock) {
        this.cards = new CardWriter(clock);
    }

    /**
     * Encrypts an application (FIG. 24, section 620): a jar (read in place, never extracted) or a directory,
     * into a VRAPPB bundle where only the selected files are encrypted.
     */
    public EncryptionResult encryptApplication(Path app, EncryptionSelection selection, ApplicationEncryptionKey key,
            Path bundleOut) throws IOException {
        Path out = bundleOut.toAbsolutePath().normalize();
        try (ApplicationSource source = ApplicationSource.open(app)) {
            if (source.isDirectory() && out.startsWith(app.toAbsolutePath().normalize())) {
                throw new VendorException(bundleOut + " is inside the application directory " + app
                        + ": write the bundle elsewhere, or it would seal itself");
            }
            List<String> files = source.files();
            Set<String> encrypted = selection.select(files, app.toString());
            // The list of names is no secret; it lives next to the bundle only while sealing.
            Files.createDirectories(out.getParent());
            Path info = Files.createTempFile(out.getParent(), ".encryption-info", ".tmp");
            try {
                Files.writeString(info, String.join("\n", encrypted) + "\n", StandardCharsets.UTF_8);
                EncryptedBundle.write(out, source.root(), info, key);
            } catch (SealedFormatException e) {
                throw new VendorException("cannot encrypt " + app + ": " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(info);
            }
            List<String> readable = files.stream().filter(f -> !encrypted.contains(f)).toList();
            return new EncryptionResult(key.applicationId(), key.keyId(), out, List.copyOf(encrypted), readable);
        }
    }

    /** Writes an application card (FIG. 21, section 630): a fresh card ID, the system programs, the bundle. */
    public MemoryCard writeCard(String applicationId, Path bundle, Path cardOut) throws IOException {
        return cards.write(applicationId, bundle, cardOut);
    }

    /** Forwards a license into a rack's NAS folder (FIG. 25, section 640), atomically; returns the file written. */
    public Path forwardLicense(Path license, Path nasDir) throws IOException {
        return licenses.forward(license, nasDir);
    }
}
