package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.AuthorityPrivateKeyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The license issuance authority's Ed25519 signing key pair.
 *
 * <p>On disk the private key is encrypted (AES-256-GCM) under a key derived with scrypt from a passphrase.
 * Why scrypt and a passphrase rather than HKDF from a random master file: a master file on the same disk
 * only moves the problem to one more file, whereas a passphrase can live elsewhere (an operator, a secrets
 * manager, an environment variable of the authority service), so a copied key file alone is useless;
 * scrypt makes guessing that passphrase memory-hard. An unattended setup may still keep a random passphrase
 * in a 0600 file next to it; that choice is the operator's, not baked into the format.
 */
public final class AuthorityKeys {

    /** scrypt cost written into new files: 2^15 x 8 x 128 B = 32 MiB, about 0.1 s. */
    static final int SCRYPT_LOG2_N = 15;
    static final int SCRYPT_R = 8;
    static final int SCRYPT_P = 1;
    /** Bounds accepted when reading, so a hostile file cannot ask for gigabytes of memory. */
    private static final int MIN_LOG2_N = 14;
    private static final int MAX_LOG2_N = 20;
    static final int MIN_PASSPHRASE_LENGTH = 8;

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] rawPublicKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuthorityKeys(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.rawPublicKey = privateKey.generatePublicKey().getEncoded();
        this.publicKey = Ed25519.publicKey(rawPublicKey);
        this.keyId = Ed25519.keyIdOfRaw(rawPublicKey);
    }

    /** Generates a fresh authority key pair. */
    public static AuthorityKeys generate() {
        return new AuthorityKeys(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** The public key every rack trusts. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** First 8 bytes of SHA-256 of the public key, hex. */
    public String keyId() {
        return keyId;
    }

    /** Ed25519 signature over data. */
    public byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    /** Writes the public key file (see {@link AuthorityPublicKeyFile}). */
    public void writePublicKey(Path file) throws IOException {
        AuthorityPublicKeyFile.write(file, publicKey);
    }

    /** Writes the private key, encrypted under the passphrase, as a new 0600 file; refuses to overwrite. */
    public void writePrivateKey(Path file, char[] passphrase) throws IOException {
        requirePassphrase(passphrase, file.toString());
        byte[] salt = Aead.random(16);
        byte[] nonce = Aead.randomNonce();
        AuthorityPrivateKeyFile.Builder message = AuthorityPrivateKeyFile.newBuilder()
                .setKeyId(keyId)
                .setPublicKey(ByteString.copyFrom(rawPublicKey))
                .setScryptSalt(ByteString.copyFrom(salt))
                .setScryptLog2N(SCRYPT_LOG2_N).setScryptR(SCRYPT_R).setScryptP(SCRYPT_P)
                .setNonce(ByteString.copyFrom(nonce));
        byte[] wrappingKey = derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P);
        byte[] seed = privateKey.getEncoded();
        try {
            message.setEncryptedPrivateKey(ByteString.copyFrom(Aead.encrypt(wrappingKey, nonce, seed, aad(message))));
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
        SecureFiles.writeNew(file, SealedFile.unsigned(SealedFileType.AUTHORITY_PRIVATE_KEY, message.build().toByteArray()), true);
    }

    /** Reads and decrypts a private key file; a wrong passphrase and a modified file give the same refusal. */
    public static AuthorityKeys readPrivateKey(Path file, char[] passphrase) throws SealedFormatException {
        String name = file.toString();
        SecureFiles.requireOwnerOnly(file, "authority private key");
        SealedFile sealed = SealedFile.read(file, SealedFileType.AUTHORITY_PRIVATE_KEY);
        AuthorityPrivateKeyFile message;
        try {
            message = AuthorityPrivateKeyFile.parseFrom(sealed.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "corrupt payload: the file was modified", e);
        }
        int log2n = message.getScryptLog2N();
        if (log2n < MIN_LOG2_N || log2n > MAX_LOG2_N || message.getScryptR() < 1 || message.getScryptR() > 16
                || message.getScryptP() < 1 || message.getScryptP() > 4) {
            throw new SealedFormatException(name, "scrypt parameters (log2 N " + log2n + ", r " + message.getScryptR()
                    + ", p " + message.getScryptP() + ") are outside the accepted range: the file was modified");
        }
        if (message.getScryptSalt().size() < 16) {
            throw new SealedFormatException(name, "scrypt salt is too short: the file was modified");
        }
        requirePassphrase(passphrase, name);
        byte[] wrappingKey = derive(passphrase, message.getScryptSalt().toByteArray(), log2n,
                message.getScryptR(), message.getScryptP());
        byte[] seed = null;
        try {
            seed = Aead.decrypt(wrappingKey, message.getNonce().toByteArray(),
                    message.getEncryptedPrivateKey().toByteArray(), aad(message.toBuilder()));
            if (seed.length != Ed25519.KEY_LENGTH) {
                throw new SealedFormatException(name, "decrypted key has the wrong length: the file was modified");
            }
            AuthorityKeys keys = new AuthorityKeys(new Ed25519PrivateKeyParameters(seed, 0));
            if (!Arrays.equals(keys.rawPublicKey, message.getPublicKey().toByteArray())
                    || !keys.keyId.equals(message.getKeyId())) {
                throw new SealedFormatException(name, "the private key does not match the public key recorded with it: the file was modified");
            }
            return keys;
        } catch (Aead.TagMismatch e) {
            throw new SealedFormatException(name, "cannot decrypt the authority private key: wrong passphrase, or the file was modified");
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /** The associated data binds every clear field, so editing the key ID, public key or KDF settings is detected. */
    private static byte[] aad(AuthorityPrivateKeyFile.Builder message) {
        return Labels.of("vrack/authority-private-key/v" + SealedFileType.AUTHORITY_PRIVATE_KEY.version())
                .field(message.getKeyId())
                .field(message.getPublicKey().toByteArray())
                .field(message.getScryptSalt().toByteArray())
                .field(ByteBuffer.allocate(12).putInt(message.getScryptLog2N()).putInt(message.getScryptR())
                        .putInt(message.getScryptP()).array())
                .bytes();
    }

    /** scrypt(passphrase, salt) to an AES-256 key; also used by {@link PassphraseSealer}. */
    static byte[] derive(char[] passphrase, byte[] salt, int log2n, int r, int p) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return SCrypt.generate(bytes, salt, 1 << log2n, r, p, Aead.KEY_LENGTH);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    static void requirePassphrase(char[] passphrase, String name) throws SealedFormatException {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new SealedFormatException(name, "the authority passphrase must be at least "
                    + MIN_PASSPHRASE_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "AuthorityKeys[keyId=" + keyId + "]";
    }
}
