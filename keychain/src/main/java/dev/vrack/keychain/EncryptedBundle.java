package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.ApplicationBundle;
import dev.vrack.proto.keychain.BundleEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The encrypted application (FIG. 23-24): every file of an application directory, where only the files
 * listed in the encryption information file are encrypted. Hybrid scheme: a one-time X25519 key agreed
 * with the application encryption key, HKDF-SHA256 to a file key and a tag key, AES-256-GCM per file, and
 * a GCM tag over the whole file so that plain files, names and order cannot be edited either.
 */
public final class EncryptedBundle {

    private static final int KEY_MATERIAL = 2 * Aead.KEY_LENGTH;
    private static final byte[] TAG_NONCE = new byte[Aead.NONCE_LENGTH];

    private EncryptedBundle() {
    }

    /** Seals a directory (FIG. 24); the encryption information file, if inside the directory, is carried in clear. */
    public static byte[] seal(Path directory, Path encryptionInfo, ApplicationEncryptionKey key) throws IOException {
        Set<String> toEncrypt = EncryptionInfo.read(encryptionInfo);
        List<String> files = regularFiles(directory);
        Path infoPath = encryptionInfo.toAbsolutePath().normalize();
        Path root = directory.toAbsolutePath().normalize();
        String infoRelative = infoPath.startsWith(root) ? relative(root, infoPath) : null;
        for (String listed : toEncrypt) {
            if (listed.equals(infoRelative)) {
                throw new SealedFormatException(encryptionInfo.toString(), "lists itself; the encryption information file stays readable");
            }
            if (!files.contains(listed)) {
                throw new SealedFormatException(encryptionInfo.toString(), "lists '" + listed + "' but " + directory
                        + " has no such regular file: fix the list or the directory");
            }
        }
        X25519.Exchange exchange;
        try {
            exchange = X25519.toRecipient(key.bytes(), info(key.applicationId()), KEY_MATERIAL);
        } catch (X25519.BadPublicKey e) {
            throw new IllegalArgumentException("application encryption key " + key.keyId() + " is not a usable X25519 key", e);
        }
        byte[] fileKey = Arrays.copyOfRange(exchange.derivedKey(), 0, Aead.KEY_LENGTH);
        byte[] tagKey = Arrays.copyOfRange(exchange.derivedKey(), Aead.KEY_LENGTH, KEY_MATERIAL);
        try {
            ApplicationBundle.Builder bundle = ApplicationBundle.newBuilder()
                    .setApplicationId(key.applicationId())
                    .setRecipientPublicKey(ByteString.copyFrom(key.bytes()))
                    .setEphemeralPublicKey(ByteString.copyFrom(exchange.ephemeralPublic()));
            long total = 0;
            for (int i = 0; i < files.size(); i++) {
                String path = files.get(i);
                byte[] content = Files.readAllBytes(root.resolve(path));
                total += content.length;
                if (total > SealedFileType.APPLICATION_BUNDLE.maxPayload()) {
                    throw new SealedFormatException(directory.toString(), "holds more than "
                            + SealedFileType.APPLICATION_BUNDLE.maxPayload() + " bytes: too large for a bundle");
                }
                boolean encrypt = toEncrypt.contains(path);
                if (encrypt) {
                    content = Aead.encrypt(fileKey, OpenedBundle.fileNonce(i), content, OpenedBundle.fileAad(path));
                }
                bundle.addEntries(BundleEntry.newBuilder().setPath(path).setEncrypted(encrypt).setContent(ByteString.copyFrom(content)));
            }
            byte[] payload = bundle.build().toByteArray();
            if (payload.length > SealedFileType.APPLICATION_BUNDLE.maxPayload()) {
                throw new SealedFormatException(directory.toString(), "is too large for a bundle ("
                        + payload.length + " bytes sealed)");
            }
            byte[] body = SealedFile.headerAndPayload(SealedFileType.APPLICATION_BUNDLE, payload);
            return SealedFile.tagged(SealedFileType.APPLICATION_BUNDLE, body, Aead.encrypt(tagKey, TAG_NONCE, new byte[0], body));
        } finally {
            Arrays.fill(fileKey, (byte) 0);
            Arrays.fill(tagKey, (byte) 0);
            Arrays.fill(exchange.derivedKey(), (byte) 0);
        }
    }

    /** Seals a directory and writes the bundle file. */
    public static void write(Path out, Path directory, Path encryptionInfo, ApplicationEncryptionKey key) throws IOException {
        SecureFiles.writeAtomically(out, seal(directory, encryptionInfo, key), false);
    }

    /** Reads a bundle file and opens it, see {@link #open(byte[], String, ApplicationDecryptionKey)}. */
    public static OpenedBundle open(Path file, ApplicationDecryptionKey key) throws SealedFormatException {
        SealedFile sealed = SealedFile.read(file, SealedFileType.APPLICATION_BUNDLE);
        return open(sealed, key);
    }

    /** Checks the whole bundle's tag with the application decryption key and opens it in memory. */
    public static OpenedBundle open(byte[] bundle, String name, ApplicationDecryptionKey key) throws SealedFormatException {
        return open(SealedFile.parse(SealedFileType.APPLICATION_BUNDLE, bundle, name), key);
    }

    private static OpenedBundle open(SealedFile sealed, ApplicationDecryptionKey key) throws SealedFormatException {
        String name = sealed.name();
        ApplicationBundle bundle;
        try {
            bundle = ApplicationBundle.parseFrom(sealed.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "corrupt payload: the bundle was modified or truncated", e);
        }
        if (!bundle.getApplicationId().equals(key.applicationId())) {
            throw new SealedFormatException(name, "carries application '" + abbreviate(bundle.getApplicationId())
                    + "' but the decryption key is for application '" + key.applicationId() + "'");
        }
        byte[] ownPublic = X25519.publicKeyOf(key.bytes());
        if (!MessageDigest.isEqual(ownPublic, bundle.getRecipientPublicKey().toByteArray())) {
            throw new SealedFormatException(name, "was sealed for another encryption key of application '"
                    + key.applicationId() + "' (this key's ID is " + Ed25519.keyIdOfRaw(ownPublic)
                    + "): re-encrypt it with the current application encryption key, or the bundle was modified");
        }
        byte[] material;
        try {
            material = X25519.fromSender(key.bytes(), bundle.getEphemeralPublicKey().toByteArray(), info(key.applicationId()), KEY_MATERIAL);
        } catch (X25519.BadPublicKey e) {
            throw new SealedFormatException(name, "tag does not verify: the bundle was modified (invalid ephemeral key)");
        }
        byte[] tagKey = Arrays.copyOfRange(material, Aead.KEY_LENGTH, KEY_MATERIAL);
        byte[] fileKey = Arrays.copyOfRange(material, 0, Aead.KEY_LENGTH);
        Arrays.fill(material, (byte) 0);
        try {
            Aead.decrypt(tagKey, TAG_NONCE, sealed.trailer(), sealed.headerAndPayload());
        } catch (Aead.TagMismatch e) {
            Arrays.fill(fileKey, (byte) 0);
            throw new SealedFormatException(name, "tag does not verify: the bundle was modified after it was sealed");
        } finally {
            Arrays.fill(tagKey, (byte) 0);
        }
        Set<String> seen = new HashSet<>();
        for (BundleEntry entry : bundle.getEntriesList()) {
            String problem = BundlePaths.problem(entry.getPath());
            if (problem != null || !seen.add(entry.getPath())) {
                Arrays.fill(fileKey, (byte) 0);
                throw new SealedFormatException(name, "authenticated, but holds a bad or repeated path ("
                        + (problem != null ? problem : entry.getPath()) + "): re-seal it with current tools");
            }
        }
        return new OpenedBundle(name, bundle.getApplicationId(), bundle.getEntriesList(), fileKey);
    }

    private static byte[] info(String applicationId) {
        return Labels.of("vrack/bundle/v1").field(applicationId).bytes();
    }

    private static List<String> regularFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new SealedFormatException(directory.toString(), "is not a directory: give the application directory to seal");
        }
        Path root = directory.toAbsolutePath().normalize();
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isSymbolicLink(path)) {
                    throw new SealedFormatException(path.toString(), "is a symbolic link; a bundle carries regular files only");
                }
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    String relative = relative(root, path);
                    String problem = BundlePaths.problem(relative);
                    if (problem != null) {
                        throw new SealedFormatException(path.toString(), problem);
                    }
                    files.add(relative);
                }
            }
        }
        return files;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
