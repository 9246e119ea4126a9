package dev.vrack.common;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes memory card images: a magic, a format version, a length, a protobuf payload. */
public final class MemoryCardFile {

    private static final byte[] MAGIC = "VRCARD".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Cards are small descriptors today; anything bigger is not a card. */
    public static final int MAX_PAYLOAD = 1 << 20;

    private MemoryCardFile() {
    }

    /** Reads a card image, with an error that names the file and what is wrong with it. */
    public static MemoryCard read(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_PAYLOAD + 12L) {
                throw new IOException("memory card " + file + " is larger than " + MAX_PAYLOAD + " bytes: not a card image");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("memory card " + file + " does not exist", e);
        }
        if (bytes.length < 12) {
            throw new IOException("memory card " + file + " is truncated (" + bytes.length + " bytes; a card image has at least 12)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("memory card " + file + " is not a card image (bad magic)");
        }
        int version = Short.toUnsignedInt(buffer.getShort());
        if (version != VERSION) {
            throw new IOException("memory card " + file + " has format version " + version
                    + "; this rack reads version " + VERSION);
        }
        int length = buffer.getInt();
        if (length < 0 || length > MAX_PAYLOAD || length != buffer.remaining()) {
            throw new IOException("memory card " + file + " is truncated or padded: header says " + length
                    + " bytes of payload, file has " + buffer.remaining());
        }
        try {
            MemoryCard card = MemoryCard.parseFrom(buffer);
            if (!card.getKind().equals("app") && !card.getKind().equals("management")) {
                throw new IOException("memory card " + file + " has kind '" + card.getKind()
                        + "'; expected 'app' or 'management'");
            }
            return card;
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("memory card " + file + " has a corrupt payload: " + e.getMessage(), e);
        }
    }

    /** Writes a card image atomically (temp file, then rename). */
    public static void write(Path file, MemoryCard card) throws IOException {
        byte[] payload = card.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(12 + payload.length);
        buffer.put(MAGIC).putShort((short) VERSION).putInt(payload.length).put(payload);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, buffer.array());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
