package dev.vrack.vendor;

import java.nio.file.Path;
import java.util.List;

/** What {@link Vendor#encryptApplication} wrote: the bundle, and which files are encrypted or readable in it. */
public record EncryptionResult(String applicationId, String encryptionKeyId, Path bundle, List<String> encrypted,
        List<String> readable) {

    /** Copies the lists. */
    public EncryptionResult {
        encrypted = List.copyOf(encrypted);
        readable = List.copyOf(readable);
    }
}
