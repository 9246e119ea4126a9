package dev.vrack.vendor;

import dev.vrack.keychain.SealedFile;
import dev.vrack.keychain.SealedFileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The license forwarding section (FIG. 25, 640): puts an execution license into the rack's NAS folder. Atomic:
 * written under a hidden temporary name, then renamed, so the NAS watcher never reads half a license.
 */
final class LicenseForwarder {

    /** The NAS watcher loads files with this extension. */
    static final String EXTENSION = ".lic";

    Path forward(Path license, Path nasDir) throws IOException {
        // Refuse what is plainly not a license here, rather than let the rack's watcher refuse it later.
        SealedFile.read(license, SealedFileType.EXECUTION_LICENSE);
        if (Files.exists(nasDir) && !Files.isDirectory(nasDir)) {
            throw new VendorException(nasDir + " is not a directory: give the rack's NAS folder (<state>/<rack>/nas)");
        }
        Files.createDirectories(nasDir);
        String name = license.getFileName().toString();
        Path target = nasDir.resolve(name.endsWith(EXTENSION) ? name : name + EXTENSION);
        // A dot-name without the .lic extension: the watcher ignores it while it is being written.
        Path temp = Files.createTempFile(nasDir, "." + target.getFileName(), ".part");
        try {
            Files.copy(license, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
