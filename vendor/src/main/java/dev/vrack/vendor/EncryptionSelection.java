package dev.vrack.vendor;

import dev.vrack.keychain.EncryptionInfo;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which files of an application to encrypt (the encryption information file of FIG. 23, 601b): by default every
 * {@code .class} file, so the code is protected and resources stay readable; or glob patterns; or the exact list
 * of an existing encryption information file.
 */
public final class EncryptionSelection {

    private final String description;
    private final List<String> globs;
    private final Set<String> exact;

    private EncryptionSelection(String description, List<String> globs, Set<String> exact) {
        this.description = description;
        this.globs = globs;
        this.exact = exact;
    }

    /** Every .class file, at any depth. */
    public static EncryptionSelection classFiles() {
        return new EncryptionSelection("every .class file", List.of(), null);
    }

    /**
     * Files matching any of the globs, against the path inside the application ('/' separators): {@code *} stays
     * within a folder, {@code **} crosses folders, e.g. {@code **.class}, {@code bin/*}, {@code lib/**.jar}.
     */
    public static EncryptionSelection globs(List<String> globs) throws VendorException {
        if (globs.isEmpty()) {
            return classFiles();
        }
        for (String glob : globs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw new VendorException("--encrypt '" + glob + "' is not a valid glob (" + e.getMessage()
                        + "): use e.g. '**.class' or 'bin/*'", e);
            }
        }
        return new EncryptionSelection("files matching " + String.join(", ", globs), List.copyOf(globs), null);
    }

    /** Exactly the files an encryption information file lists (one path a line, '#' comments). */
    public static EncryptionSelection listedIn(Path encryptionInfo) throws IOException {
        return new EncryptionSelection("files listed in " + encryptionInfo, List.of(), EncryptionInfo.read(encryptionInfo));
    }

    /** Applies the selection to an application's files; refuses a pattern or a listed file that selects nothing. */
    Set<String> select(List<String> files, String application) throws VendorException {
        Set<String> chosen = new LinkedHashSet<>();
        if (exact != null) {
            for (String listed : exact) {
                if (!files.contains(listed)) {
                    throw new VendorException(application + " has no file '" + listed + "' that " + description
                            + " names: fix the list or the application");
                }
            }
            chosen.addAll(exact);
        } else if (globs.isEmpty()) {
            files.stream().filter(f -> f.endsWith(".class")).forEach(chosen::add);
        } else {
            for (String glob : globs) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                List<String> matched = new ArrayList<>();
                for (String file : files) {
                    if (matcher.matches(Path.of(file))) {
                        matched.add(file);
                    }
                }
                if (matched.isEmpty()) {
                    throw new VendorException("--encrypt '" + glob + "' matches no file of " + application
                            + ": check the pattern ('*' stays within a folder, '**' crosses folders)");
                }
                chosen.addAll(matched);
            }
        }
        if (chosen.isEmpty()) {
            throw new VendorException(application + " has no file to encrypt (" + description
                    + "): an application whose code is all readable needs no license; give --encrypt GLOB");
        }
        return chosen;
    }

    @Override
    public String toString() {
        return description;
    }
}
