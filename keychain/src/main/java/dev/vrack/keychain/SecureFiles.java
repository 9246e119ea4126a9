package dev.vrack.keychain;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Atomic file writes, and owner-only (0600) files for secrets. */
final class SecureFiles {

    private SecureFiles() {
    }

    /** Writes through a temp file and a rename, so a reader never sees half a file. */
    static void writeAtomically(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            if (ownerOnly) {
                restrictToOwner(temp);
            }
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Like {@link #writeAtomically} but refuses to replace an existing file (losing a secret is not undoable). */
    static void writeNew(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "already exists; refusing to overwrite a key file (move it away first if you really mean it)");
        }
        writeAtomically(file, bytes, ownerOnly);
    }

    static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    /** Refuses a secret file that group or others may read or write. */
    static void requireOwnerOnly(Path file, String what) throws SealedFormatException {
        try {
            if (!isPosix(file)) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> allowed = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            if (!allowed.containsAll(permissions)) {
                throw new SealedFormatException(file.toString(), what + " has permissions "
                        + PosixFilePermissions.toString(permissions) + " but must be readable by its owner only: chmod 600 " + file);
            }
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(file.toString(), "cannot read the permissions of the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
