package dev.vrack.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The per-installation secret that stands in for a real dongle's secure element.
 *
 * <p>A real USB key keeps its key-specific key inside tamper-resistant hardware. The emulation keeps it
 * in the key image, encrypted under a device key derived (HKDF-SHA256) from this secret, and only the USB
 * key emulation ({@link UsbKeyDevice}) and the authority's issuing step read this file (0600, 32 random
 * bytes as hex). Copying a key image to another installation therefore does not reveal or unlock its key.
 */
public final class DongleSecret {

    private static final int LENGTH = 32;
    private final byte[] secret;

    private DongleSecret(byte[] secret) {
        this.secret = secret;
    }

    /** Creates a new secret file (0600); refuses to replace an existing one, since every key image depends on it. */
    public static DongleSecret create(Path file) throws IOException {
        byte[] secret = Aead.random(LENGTH);
        SecureFiles.writeNew(file, (HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.US_ASCII), true);
        return new DongleSecret(secret);
    }

    /** Loads the secret, or creates it if the file does not exist yet. */
    public static DongleSecret loadOrCreate(Path file) throws IOException {
        return Files.exists(file) ? load(file) : create(file);
    }

    /** Loads the secret; refuses a file others can read, or one that is not 64 hex digits. */
    public static DongleSecret load(Path file) throws SealedFormatException {
        String name = file.toString();
        try {
            if (Files.size(file) > 256) {
                throw new SealedFormatException(name, "is too large to be a dongle secret (64 hex digits)");
            }
            SecureFiles.requireOwnerOnly(file, "dongle secret");
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.length() != 2 * LENGTH || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new SealedFormatException(name, "is not a dongle secret: expected " + 2 * LENGTH
                        + " hex digits, found " + text.length() + " characters");
            }
            return new DongleSecret(HexFormat.of().parseHex(text));
        } catch (NoSuchFileException e) {
            throw new SealedFormatException(name, "does not exist: the dongle secret of this installation is missing", e);
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(name, "cannot read the dongle secret (" + e.getMessage() + ")", e);
        }
    }

    /** The device key of one hardware key image: HKDF-SHA256(secret, salt, "vrack/dongle/device-key/v1" | keyId). */
    byte[] deviceKey(byte[] salt, String keyId) {
        return Hkdf.derive(secret, salt, Labels.of("vrack/dongle/device-key/v1").field(keyId).bytes(), Aead.KEY_LENGTH);
    }

    @Override
    public String toString() {
        return "DongleSecret[redacted]";
    }
}
