package dev.vrack.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authority's public key as a small text file that people can read and compare:
 * <pre>
 * format: vrack-authority-public-key/1
 * key-id: 1a2b3c4d5e6f7081
 * ed25519: base64 of the raw 32-byte key
 * </pre>
 * The key ID line must match the key, so an edit of either line is caught.
 */
public final class AuthorityPublicKeyFile {

    static final String FORMAT = "vrack-authority-public-key/1";
    private static final int MAX_SIZE = 4096;

    private AuthorityPublicKeyFile() {
    }

    /** Writes the public key file. */
    public static void write(Path file, PublicKey key) throws IOException {
        String text = "# Public key of a vrack license issuance authority (Ed25519). Not a secret.\n"
                + "format: " + FORMAT + "\n"
                + "key-id: " + Ed25519.keyId(key) + "\n"
                + "ed25519: " + Base64.getEncoder().encodeToString(Ed25519.raw(key)) + "\n";
        SecureFiles.writeAtomically(file, text.getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Reads and checks a public key file. */
    public static PublicKey read(Path file) throws SealedFormatException {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new SealedFormatException(name, "is larger than " + MAX_SIZE + " bytes: not an authority public key file");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new SealedFormatException(name, "does not exist: check the path of the authority public key", e);
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(name, "cannot be read as an authority public key (" + e.getMessage() + ")", e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new SealedFormatException(name, "line '" + abbreviate(trimmed) + "' is not 'name: value'");
            }
            String key = trimmed.substring(0, colon).strip();
            if (fields.put(key, trimmed.substring(colon + 1).strip()) != null) {
                throw new SealedFormatException(name, "field '" + abbreviate(key) + "' appears twice");
            }
        }
        if (!FORMAT.equals(fields.get("format"))) {
            throw new SealedFormatException(name, "is not an authority public key file of format " + FORMAT
                    + " (format line: " + abbreviate(String.valueOf(fields.get("format"))) + ")");
        }
        String keyId = fields.get("key-id");
        String encoded = fields.get("ed25519");
        if (keyId == null || encoded == null || fields.size() != 3) {
            throw new SealedFormatException(name, "must have exactly the fields format, key-id and ed25519");
        }
        PublicKey key;
        try {
            key = Ed25519.publicKey(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new SealedFormatException(name, "the ed25519 field is not a base64 32-byte Ed25519 key", e);
        }
        String actual = Ed25519.keyId(key);
        if (!actual.equals(keyId)) {
            throw new SealedFormatException(name, "key-id says " + abbreviate(keyId) + " but the key's ID is " + actual
                    + ": the file was edited; get the authority's public key again");
        }
        return key;
    }

    /** The key ID of an authority public key: first 8 bytes of SHA-256 of the raw key, hex. */
    public static String keyId(PublicKey key) {
        return Ed25519.keyId(key);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
