package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.WrappedApplicationKey;
import java.util.Arrays;

/**
 * An agent's one-time X25519 key pair: the agent sends the public half with its license request and the
 * manager wraps the application decryption key for it, so the key never crosses the LAN in clear.
 */
public final class AgentKeyPair implements AutoCloseable {

    private final byte[] publicKey;
    private final byte[] privateKey;

    private AgentKeyPair(byte[] publicKey, byte[] privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A fresh key pair, to be used for one request. */
    public static AgentKeyPair generate() {
        byte[][] pair = X25519.generateKeyPair();
        return new AgentKeyPair(pair[0], pair[1]);
    }

    /** The raw X25519 public key to send with the request. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Manager side: wraps the key for the agent whose public key came with the request (WrappedApplicationKey bytes). */
    public static byte[] wrap(ApplicationDecryptionKey key, byte[] agentPublicKey) {
        X25519.Exchange exchange;
        try {
            exchange = X25519.toRecipient(agentPublicKey, info(key.applicationId()), Aead.KEY_LENGTH);
        } catch (X25519.BadPublicKey e) {
            throw new IllegalArgumentException("the agent's public key is not a usable X25519 key (32 bytes, not low-order)", e);
        }
        byte[] nonce = Aead.randomNonce();
        try {
            return WrappedApplicationKey.newBuilder()
                    .setApplicationId(key.applicationId())
                    .setEphemeralPublicKey(ByteString.copyFrom(exchange.ephemeralPublic()))
                    .setNonce(ByteString.copyFrom(nonce))
                    .setCiphertext(ByteString.copyFrom(Aead.encrypt(exchange.derivedKey(), nonce, key.bytes(),
                            info(key.applicationId()))))
                    .build().toByteArray();
        } finally {
            Arrays.fill(exchange.derivedKey(), (byte) 0);
        }
    }

    /** Agent side: unwraps a key wrapped for this key pair and checks it is for the expected application. */
    public ApplicationDecryptionKey unwrap(byte[] wrapped, String expectedApplicationId) throws SealedFormatException {
        String name = "wrapped application key";
        WrappedApplicationKey message;
        try {
            message = WrappedApplicationKey.parseFrom(wrapped);
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "is corrupt", e);
        }
        if (!message.getApplicationId().equals(expectedApplicationId)) {
            throw new SealedFormatException(name, "is for application '" + message.getApplicationId()
                    + "', expected '" + expectedApplicationId + "'");
        }
        byte[] key = null;
        byte[] raw = null;
        try {
            key = X25519.fromSender(privateKey, message.getEphemeralPublicKey().toByteArray(), info(expectedApplicationId), Aead.KEY_LENGTH);
            raw = Aead.decrypt(key, message.getNonce().toByteArray(), message.getCiphertext().toByteArray(), info(expectedApplicationId));
            return new ApplicationDecryptionKey(expectedApplicationId, raw);
        } catch (X25519.BadPublicKey | Aead.TagMismatch | IllegalArgumentException e) {
            throw new SealedFormatException(name, "does not decrypt with this agent's key: it was wrapped for another request or modified");
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    private static byte[] info(String applicationId) {
        return Labels.of("vrack/agent-key-wrap/v1").field(applicationId).bytes();
    }

    /** Wipes the private half. */
    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "AgentKeyPair[public " + Ed25519.keyIdOfRaw(publicKey) + "]";
    }
}
