package dev.vrack.keychain;

import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The hybrid scheme's key agreement: X25519 (BouncyCastle) then HKDF-SHA256 over the shared secret, with
 * both public keys as salt and a context label as info, giving AES-256-GCM keys.
 */
final class X25519 {

    static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sender's side: a one-time key pair and the key derived for the recipient. */
    record Exchange(byte[] ephemeralPublic, byte[] derivedKey) {
    }

    /** Thrown when the peer's public key is degenerate (a low-order point gives an all-zero secret). */
    static final class BadPublicKey extends Exception {
        private static final long serialVersionUID = 1L;

        BadPublicKey(Throwable cause) {
            super("X25519 public key is invalid (low-order point)", cause);
        }
    }

    private X25519() {
    }

    static byte[][] generateKeyPair() {
        X25519PrivateKeyParameters privateKey = new X25519PrivateKeyParameters(RANDOM);
        return new byte[][] {privateKey.generatePublicKey().getEncoded(), privateKey.getEncoded()};
    }

    static byte[] publicKeyOf(byte[] rawPrivate) {
        return new X25519PrivateKeyParameters(rawPrivate, 0).generatePublicKey().getEncoded();
    }

    /** Sender: fresh ephemeral key, agreement with the recipient's public key, keys derived for each label. */
    static Exchange toRecipient(byte[] recipientPublic, byte[] info, int length) throws BadPublicKey {
        byte[][] ephemeral = generateKeyPair();
        byte[] key = derive(ephemeral[1], ephemeral[0], recipientPublic, recipientPublic, info, length);
        return new Exchange(ephemeral[0], key);
    }

    /** Recipient: the same derived key from its private key and the sender's ephemeral public key. */
    static byte[] fromSender(byte[] recipientPrivate, byte[] ephemeralPublic, byte[] info, int length) throws BadPublicKey {
        return derive(recipientPrivate, ephemeralPublic, publicKeyOf(recipientPrivate), ephemeralPublic, info, length);
    }

    private static byte[] derive(byte[] ownPrivate, byte[] ephemeralPublic, byte[] recipientPublic, byte[] peerPublic,
            byte[] info, int length) throws BadPublicKey {
        if (peerPublic.length != KEY_LENGTH) {
            throw new BadPublicKey(null);
        }
        byte[] shared = new byte[KEY_LENGTH];
        try {
            X25519Agreement agreement = new X25519Agreement();
            agreement.init(new X25519PrivateKeyParameters(ownPrivate, 0));
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublic, 0), shared, 0);
            return Hkdf.derive(shared, SealedFile.concat(ephemeralPublic, recipientPublic), info, length);
        } catch (IllegalStateException e) {
            throw new BadPublicKey(e); // BouncyCastle refuses an all-zero shared secret
        } finally {
            java.util.Arrays.fill(shared, (byte) 0);
        }
    }
}
