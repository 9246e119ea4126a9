package dev.vrack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a YAML file's text (a rack file, a scenario file), refusing with a clear message what is missing, a
 * folder, too big or not UTF-8.
 */
public final class RackFileReader {

    /** A rack file is a few kilobytes; anything near this limit is the wrong file, not a big rack. */
    public static final int MAX_BYTES = 1024 * 1024;

    private RackFileReader() {
    }

    static String read(Path file, String label) throws ConfigException {
        return read(file, label, DocumentKind.RACK);
    }

    /** The file's text; {@code label} is the file as the user named it, {@code kind} words the refusals. */
    public static String read(Path file, String label, DocumentKind kind) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(label, "is a folder, not a " + kind.noun() + "; name a .yml file"
                    + racksIn(file));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trusting the size first: the file may grow meanwhile.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, "no such file (looked for " + file.toAbsolutePath().normalize()
                    + "); check the path, " + kind.missingHint());
        } catch (AccessDeniedException e) {
            throw new ConfigException(label, "permission denied; make the file readable (chmod a+r " + label + ")");
        } catch (IOException e) {
            throw new ConfigException(label, "cannot read the file: " + e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooBig(label, file, kind);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(label, "is not UTF-8 text; a " + kind.noun()
                    + " is YAML text (is this the right file?)");
        }
    }

    static ConfigException tooBig(String label, Path file, DocumentKind kind) {
        String size;
        try {
            size = String.format(Locale.ROOT, "%.1f MiB", Files.size(file) / (1024.0 * 1024.0));
        } catch (IOException | RuntimeException e) {
            size = "over 1 MiB";
        }
        return new ConfigException(label, "the file is " + size + "; a " + kind.noun() + " may be at most 1 MiB "
                + "(they are normally a few KiB), so this is probably not a " + kind.noun());
    }

    private static String racksIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            String names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted().collect(Collectors.joining(", "));
            return names.isEmpty() ? "" : " (this folder holds " + names + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
