package dev.vrack.keychain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 helpers: raw 32-byte keys to and from JDK keys, key IDs, verification through BouncyCastle. */
final class Ed25519 {

    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    static PublicKey publicKey(byte[] raw) {
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(SealedFile.concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || encoded == null || encoded.length != SPKI_PREFIX.length + KEY_LENGTH
                || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (algorithm " + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
    }

    /** First 8 bytes of SHA-256 of the raw public key, in lower-case hex. */
    static String keyId(PublicKey key) {
        return keyIdOfRaw(raw(key));
    }

    static String keyIdOfRaw(byte[] rawPublicKey) {
        return HexFormat.of().formatHex(sha256(rawPublicKey), 0, SealedFile.KEY_ID_LENGTH);
    }

    /**
     * Verifies through BouncyCastle's RFC 8032 code, not the JDK's SunEC: on JDK 17 under the C2 compiler, SunEC
     * was seen refusing valid signatures after some thousands of calls in one JVM (benchmarks/load-harness
     * {@code LicenseOpenLoop}); a license manager that refuses valid licenses at random is not acceptable.
     */
    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false; // a malformed signature is just a signature that does not verify
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, raw(key), 0, data, 0, data.length);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
