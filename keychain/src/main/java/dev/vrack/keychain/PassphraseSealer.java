package dev.vrack.keychain;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * AES-256-GCM sealing of small secrets at rest (e.g. the authority's database columns) under a key derived
 * from a passphrase with the same scrypt settings as the authority's private key file ({@link AuthorityKeys}).
 *
 * <p>A sealed value is {@code nonce (12) | ciphertext | tag (16)}; the caller's context (table, column, row
 * ID) is bound as associated data, so a value copied into another row or column does not open.
 */
public final class PassphraseSealer implements AutoCloseable {

    /** scrypt cost of new storage keys (log2 N, r, p), as for the authority private key. */
    public static final int LOG2_N = AuthorityKeys.SCRYPT_LOG2_N;
    public static final int R = AuthorityKeys.SCRYPT_R;
    public static final int P = AuthorityKeys.SCRYPT_P;
    /** Length of a fresh salt. */
    public static final int SALT_LENGTH = 16;

    private final byte[] key;

    private PassphraseSealer(byte[] key) {
        this.key = key;
    }

    /** A fresh random salt for {@link #derive}. */
    public static byte[] newSalt() {
        return Aead.random(SALT_LENGTH);
    }

    /** Derives the storage key; refuses a passphrase shorter than 8 characters or out-of-range scrypt settings. */
    public static PassphraseSealer derive(char[] passphrase, byte[] salt, int log2n, int r, int p, String name)
            throws SealedFormatException {
        AuthorityKeys.requirePassphrase(passphrase, name);
        if (log2n < 14 || log2n > 20 || r < 1 || r > 16 || p < 1 || p > 4 || salt == null || salt.length < SALT_LENGTH) {
            throw new SealedFormatException(name, "storage key settings (scrypt log2 N " + log2n + ", r " + r + ", p " + p
                    + ", salt of " + (salt == null ? 0 : salt.length) + " bytes) are outside the accepted range");
        }
        return new PassphraseSealer(AuthorityKeys.derive(passphrase, salt, log2n, r, p));
    }

    /** Encrypts a secret; context is bound as associated data. */
    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = Aead.randomNonce();
        byte[] ciphertext = Aead.encrypt(key, nonce, plaintext, aad(context));
        return ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
    }

    /** Decrypts a sealed value; a wrong key, another context or a modified value gives the same refusal. */
    public byte[] open(byte[] sealed, String context, String name) throws SealedFormatException {
        if (sealed == null || sealed.length < Aead.NONCE_LENGTH + Aead.TAG_BITS / 8) {
            throw new SealedFormatException(name, "sealed value is truncated");
        }
        try {
            return Aead.decrypt(key, Arrays.copyOf(sealed, Aead.NONCE_LENGTH),
                    Arrays.copyOfRange(sealed, Aead.NONCE_LENGTH, sealed.length), aad(context));
        } catch (Aead.TagMismatch e) {
            throw new SealedFormatException(name, "cannot decrypt a stored secret: wrong passphrase, or the value was modified");
        }
    }

    private static byte[] aad(String context) {
        return Labels.of("vrack/passphrase-sealed/v1").field(context).bytes();
    }

    /** Wipes the key from memory. */
    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "PassphraseSealer[redacted]";
    }
}
