package dev.vrack.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The encryption information file (FIG. 23, 601b): which files of the application body to encrypt.
 * Text, one path a line relative to the application directory with '/' separators; blank lines and
 * lines starting with '#' are ignored.
 */
public final class EncryptionInfo {

    private static final int MAX_SIZE = 1 << 20;

    private EncryptionInfo() {
    }

    /** Reads and checks the file; returns the listed paths in order. */
    public static Set<String> read(Path file) throws SealedFormatException {
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new SealedFormatException(file.toString(), "is larger than " + MAX_SIZE + " bytes: not an encryption information file");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(file.toString(), "cannot read the encryption information file (" + e + ")", e);
        }
    }

    /** Parses the text of an encryption information file; name is used in error messages. */
    public static Set<String> parse(String text, String name) throws SealedFormatException {
        Set<String> paths = new LinkedHashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = BundlePaths.problem(line);
            if (problem != null) {
                throw new SealedFormatException(name, "line " + (i + 1) + ": " + problem);
            }
            if (!paths.add(line)) {
                throw new SealedFormatException(name, "line " + (i + 1) + ": '" + line + "' is listed twice");
            }
        }
        return paths;
    }
}
