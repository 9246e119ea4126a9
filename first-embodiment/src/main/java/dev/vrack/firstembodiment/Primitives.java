package dev.vrack.firstembodiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The primitives this module uses, all from the JDK or BouncyCastle: AES-256-GCM, HKDF-SHA256, HMAC-SHA256.
 * (keychain's equivalents are package-private there; these are the same algorithms with the same parameters.)
 */
final class Primitives {

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int MAC_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A GCM tag did not verify: wrong key, or modified data. */
    static final class TagMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        TagMismatch() {
            super("AES-GCM tag does not verify");
        }
    }

    private Primitives() {
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] hkdf(byte[] inputKeyMaterial, byte[] salt, byte[] info) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(inputKeyMaterial, salt, info));
        byte[] out = new byte[KEY_LENGTH];
        generator.generateBytes(out, 0, KEY_LENGTH);
        return out;
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            return gcm(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) throws TagMismatch {
        if (nonce.length != NONCE_LENGTH || ciphertext.length < 16) {
            throw new TagMismatch();
        }
        try {
            return gcm(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new TagMismatch();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    /** Unambiguous associated data / HKDF info: a domain label, then length-prefixed fields. */
    static byte[] label(String domain, String... fields) {
        int size = 4 + domain.length() * 4;
        for (String field : fields) {
            size += 4 + field.length() * 4;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        put(buffer, domain);
        for (String field : fields) {
            put(buffer, field);
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip().get(out);
        return out;
    }

    private static void put(ByteBuffer buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(bytes.length).put(bytes);
    }
}
