package dev.vrack.cli;

import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults on the rack's NAS folder: corrupt or replace an application's license file, and put the original back.
 * The original is kept once under {@code <rack>/nas-originals/} (it is sealed, so the copy leaks nothing), and
 * every change lands by an atomic rename so the license manager never reads a half-written file.
 */
final class NasFaults {

    private final StateLayout layout;

    NasFaults(StateLayout layout) {
        this.layout = layout;
    }

    /** Flips one byte in the middle of each license file of {@code app}: its seal no longer verifies. */
    String corrupt(String app) {
        List<Path> files = licenseFiles(app);
        for (Path file : files) {
            keepOriginal(file);
            byte[] bytes = read(file);
            bytes[bytes.length / 2] ^= 0x5A;
            writeAtomically(file, bytes);
        }
        return "nas-corrupt: flipped a byte in " + names(files);
    }

    /** Puts {@code replacement} in place of each license file of {@code app}. */
    String replace(String app, Path replacement) {
        if (!Files.isRegularFile(replacement)) {
            throw new CliException("replacement license file " + replacement + " does not exist");
        }
        byte[] bytes = read(replacement);
        List<Path> files = licenseFiles(app);
        for (Path file : files) {
            keepOriginal(file);
            writeAtomically(file, bytes);
        }
        return "nas-replace: " + names(files) + " replaced by " + replacement.getFileName();
    }

    /** Puts back the originals kept by an earlier corrupt or replace of {@code app}'s license files. */
    String restore(String app) {
        List<Path> restored = new ArrayList<>();
        for (Path file : licenseFiles(app)) {
            Path original = originals().resolve(file.getFileName());
            if (Files.isRegularFile(original)) {
                writeAtomically(file, read(original));
                restored.add(file);
            }
        }
        if (restored.isEmpty()) {
            throw new CliException("no license file of " + app + " was corrupted or replaced; nothing to restore");
        }
        return "nas-restore: " + names(restored) + " restored";
    }

    /** The NAS license files rack up provisioned for {@code app} ({@code rack-<n>-<app>.lic}). */
    private List<Path> licenseFiles(String app) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.nasDir(), "rack-*-" + app + ".lic")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new CliException("cannot list the NAS folder " + layout.nasDir() + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CliException("the NAS folder " + layout.nasDir() + " holds no license file of application '"
                    + app + "' (rack-<n>-" + app + ".lic); the rack file's licenses: block names the applications");
        }
        files.sort(null);
        return files;
    }

    private Path originals() {
        return layout.rackDir().resolve("nas-originals");
    }

    private void keepOriginal(Path file) {
        Path original = originals().resolve(file.getFileName());
        if (!Files.exists(original)) {
            try {
                Files.createDirectories(originals());
                Files.copy(file, original);
            } catch (IOException e) {
                throw new CliException("cannot keep the original of " + file + ": " + e.getMessage());
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        // A name without .lic: the manager's NAS watcher ignores it until the rename.
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
    }
}
