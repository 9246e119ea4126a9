package dev.vrack.keychain;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM through the JDK provider: 12-byte nonces, 128-bit tags appended to the ciphertext. */
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

    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) throws TagMismatch {
        if (nonce.length != NONCE_LENGTH || ciphertext.length < TAG_BITS / 8) {
            throw new TagMismatch(null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new TagMismatch(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
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
