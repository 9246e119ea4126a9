package dev.vrack.authority;

import dev.vrack.authority.AuthorityException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token a software provider presents to the authority's HTTP service: 32 random bytes as hex in
 * a mode-600 file next to the database, created at init. Compared in constant time; never logged.
 */
public final class ProviderToken {

    private static final int BYTES = 32;
    private final byte[] expectedHeader;

    private ProviderToken(String token) {
        this.expectedHeader = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    }

    /** Creates the token file (mode 600 from the start); refuses to replace one that exists. */
    static void create(Path file) throws IOException {
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        String text = HexFormat.of().formatHex(random) + "\n";
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Reads the token; refuses a file others can read, or one that is not 64 hex digits. */
    public static ProviderToken read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new AuthorityException(Reason.STORAGE, file + ": the provider token file is missing",
                        "it is created by 'rack authority init'; an authority folder without it cannot serve HTTP");
            }
            if (!SecureFile.isOwnerOnly(file)) {
                throw new AuthorityException(Reason.STORAGE, file + ": the provider token has permissions "
                        + SecureFile.describe(file) + " but must be readable by its owner only", "chmod 600 " + file);
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.length() != 2 * BYTES || !token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new AuthorityException(Reason.STORAGE, file + ": is not a provider token (64 hex digits expected)",
                        "restore the file, or delete it and run 'rack authority init' in a new folder");
            }
            return new ProviderToken(token);
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, file + ": cannot read the provider token (" + e.getMessage() + ")",
                    "check the file's owner and permissions", e);
        }
    }

    /** True if an Authorization header carries this token. */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedHeader, authorizationHeader.strip().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ProviderToken[redacted]";
    }
}
