package dev.vrack.keychain;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM: 12-byte nonces, 128-bit tags appended to the ciphertext. Encryption through the JDK provider,
 * decryption through BouncyCastle (see {@link #decrypt}); both are the same standard GCM.
 */
final class Aead {

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Thrown when a tag does not verify: wrong key, modified ciphertext or modified associated data. */
    static final class TagMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        TagMismatch(Throwable cause) {
            super("AES-GCM tag does not verify", cause);
        }
    }

    private Aead() {
    }

    static byte[] randomNonce() {
        return random(NONCE_LENGTH);
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts and checks the tag with BouncyCastle's GCM, not the JDK's: measured on this project's machines
     * (benchmarks/results/keychain.md) it decrypts a 64 MiB bundle faster (107 against 82 MB/s on a quiet
     * machine), and the rule is to use the faster for bulk decryption. A failed tag leaves nothing behind.
     */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) throws TagMismatch {
        if (nonce.length != NONCE_LENGTH || ciphertext.length < TAG_BITS / 8) {
            throw new TagMismatch(null);
        }
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        byte[] plaintext = new byte[gcm.getOutputSize(ciphertext.length)];
        int length = gcm.processBytes(ciphertext, 0, ciphertext.length, plaintext, 0);
        try {
            length += gcm.doFinal(plaintext, length);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new TagMismatch(e);
        }
        return length == plaintext.length ? plaintext : Arrays.copyOf(plaintext, length);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
