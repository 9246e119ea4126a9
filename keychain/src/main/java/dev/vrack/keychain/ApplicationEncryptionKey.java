package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.ApplicationEncryptionKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The application encryption key (FIG. 21-22): the public half of the application's X25519 key pair, with
 * its application ID affixed. The software provider holds only this: it can encrypt, not decrypt.
 */
public final class ApplicationEncryptionKey {

    private final String applicationId;
    private final byte[] publicKey;

    ApplicationEncryptionKey(String applicationId, byte[] publicKey) {
        this.applicationId = Identifiers.require("application ID", applicationId);
        if (publicKey.length != X25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an application encryption key is 32 bytes, got " + publicKey.length);
        }
        this.publicKey = publicKey.clone();
    }

    /** The application this key encrypts for. */
    public String applicationId() {
        return applicationId;
    }

    /** The raw X25519 public key (a copy); not a secret. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** First 8 bytes of SHA-256 of the public key, hex. */
    public String keyId() {
        return Ed25519.keyIdOfRaw(publicKey);
    }

    byte[] bytes() {
        return publicKey;
    }

    /** Writes the key as a file signed by the authority, for the software provider (FIG. 22, S64). */
    public void write(Path file, AuthorityKeys authority) throws IOException {
        byte[] payload = ApplicationEncryptionKeyFile.newBuilder().setApplicationId(applicationId)
                .setPublicKey(ByteString.copyFrom(publicKey)).build().toByteArray();
        SecureFiles.writeAtomically(file, SealedFile.signed(SealedFileType.APPLICATION_ENCRYPTION_KEY, payload, authority), false);
    }

    /** Reads a key file and checks the authority's signature, so a provider never encrypts for a substituted key. */
    public static ApplicationEncryptionKey read(Path file, PublicKey authority) throws SealedFormatException {
        SealedFile sealed = SealedFile.read(file, SealedFileType.APPLICATION_ENCRYPTION_KEY);
        sealed.verifySignature(authority);
        try {
            ApplicationEncryptionKeyFile message = ApplicationEncryptionKeyFile.parseFrom(sealed.payload());
            return new ApplicationEncryptionKey(message.getApplicationId(), message.getPublicKey().toByteArray());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new SealedFormatException(sealed.name(), "signed, but not a valid application encryption key: reissue it", e);
        }
    }

    @Override
    public String toString() {
        return "ApplicationEncryptionKey[applicationId=" + applicationId + ", keyId=" + keyId() + "]";
    }
}
