package dev.vrack.common;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Reads and writes memory card images: a magic, a format version, a length, a protobuf payload and (version 2)
 * a SHA-256 digest. Writes version 2; reads versions 1 and 2. The digest detects a damaged card; it is no
 * protection against a deliberate edit, which the embedded bundle's GCM tag catches when the agent opens it.
 */
public final class MemoryCardFile {

    private static final byte[] MAGIC = "VRCARD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUNDLE_MAGIC = "VRAPPB".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 2 + 4;
    private static final int DIGEST = 32;
    /** The format version this build writes. */
    public static final int VERSION = 2;
    /** The oldest format version this build still reads (no application bundle). */
    public static final int OLDEST_VERSION = 1;
    /** A bundle may be 64 MiB (keychain's limit); one more MiB leaves room for the rest of the card. */
    public static final int MAX_PAYLOAD = 65 << 20;

    private MemoryCardFile() {
    }

    /** Reads a card image, with an error that names the file and what is wrong with it. */
    public static MemoryCard read(Path file) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_PAYLOAD + (long) HEADER + DIGEST) {
                throw new IOException("memory card " + file + " is " + size + " bytes, larger than any card image (at most "
                        + (MAX_PAYLOAD + HEADER + DIGEST) + "): not a card image");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("memory card " + file + " does not exist: check the card path", e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses card image bytes; name (usually the path) is used in error messages. */
    public static MemoryCard parse(byte[] bytes, String name) throws IOException {
        if (bytes.length < HEADER) {
            throw new IOException("memory card " + name + " is truncated (" + bytes.length + " bytes; a card image has at least "
                    + HEADER + "): copy the card image again");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("memory card " + name + " is not a card image (bad magic; expected VRCARD)");
        }
        int version = Short.toUnsignedInt(buffer.getShort());
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new IOException("memory card " + name + " has format version " + version + "; this rack reads versions "
                    + OLDEST_VERSION + " to " + VERSION + ": rewrite the card with this rack's tools");
        }
        long length = Integer.toUnsignedLong(buffer.getInt());
        int trailer = version >= 2 ? DIGEST : 0;
        if (length > MAX_PAYLOAD || length + trailer != buffer.remaining()) {
            throw new IOException("memory card " + name + " is truncated or padded: the header announces " + length
                    + " bytes of payload" + (trailer > 0 ? " and a " + trailer + "-byte digest" : "") + ", the file has "
                    + buffer.remaining() + " bytes after the header: copy the card image again");
        }
        if (version >= 2) {
            int end = HEADER + (int) length;
            byte[] expected = Arrays.copyOfRange(bytes, end, end + DIGEST);
            if (!MessageDigest.isEqual(expected, digest(bytes, end))) {
                throw new IOException("memory card " + name + " is damaged: its digest does not match its contents"
                        + " (a byte was changed): write the card again from the bundle");
            }
        }
        MemoryCard card;
        try {
            card = MemoryCard.parseFrom(ByteBuffer.wrap(bytes, HEADER, (int) length));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("memory card " + name + " has a corrupt payload (" + e.getMessage() + "): write the card again", e);
        }
        check(card, name);
        return card;
    }

    private static void check(MemoryCard card, String name) throws IOException {
        if (!card.getKind().equals("app") && !card.getKind().equals("management")) {
            throw new IOException("memory card " + name + " has kind '" + card.getKind() + "'; expected 'app' or 'management'");
        }
        checkBundle(card, name);
    }

    private static void checkBundle(MemoryCard card, String name) throws IOException {
        if (card.getApplicationBundle().isEmpty()) {
            return;
        }
        if (card.getKind().equals("management")) {
            throw new IOException("memory card " + name + " is a management card but carries an application bundle:"
                    + " write application bundles on 'app' cards");
        }
        if (card.getApplicationBundle().size() < BUNDLE_MAGIC.length
                || !Arrays.equals(card.getApplicationBundle().substring(0, BUNDLE_MAGIC.length).toByteArray(), BUNDLE_MAGIC)) {
            throw new IOException("memory card " + name + " carries an application that is not an encrypted bundle"
                    + " (expected magic VRAPPB): write the card with 'rack vendor card'");
        }
        if (card.getApplicationId().isEmpty()) {
            throw new IOException("memory card " + name + " carries an application bundle but no application ID");
        }
    }

    /** Writes a card image (version 2) atomically: temp file, then rename, so a reader never sees half a card. */
    public static void write(Path file, MemoryCard card) throws IOException {
        byte[] payload = card.toByteArray();
        if (payload.length > MAX_PAYLOAD) {
            throw new IOException("memory card " + file + " would hold " + payload.length + " bytes, more than the "
                    + MAX_PAYLOAD + " a card image may: use a smaller application");
        }
        checkBundle(card, file.toString());
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length + DIGEST);
        buffer.put(MAGIC).putShort((short) VERSION).putInt(payload.length).put(payload);
        buffer.put(digest(buffer.array(), HEADER + payload.length));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, buffer.array());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] digest(byte[] bytes, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, 0, length);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
