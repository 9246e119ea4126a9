package dev.vrack.firstembodiment;

import dev.vrack.keychain.SealedFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The codec of this module's files, framed like the key chain's sealed files: magic, version (2 bytes),
 * payload length (4 bytes), payload, then a fixed-length trailer (signature or MAC). Parsing is strict: exact
 * magic and version, no truncation, no trailing bytes.
 */
record FramedFile(byte[] signedPart, byte[] payload, byte[] trailer) {

    /** The file kinds: magic, version, description, trailer length, payload limit. */
    enum Kind {
        LICENSE_KEY("VRSWLK", 1, "software license key", 8 + 64, 16 * 1024),
        COUNTERS("VRSWCNT", 1, "execution counter file", Primitives.MAC_LENGTH, 1024 * 1024);

        final byte[] magic;
        final int version;
        final String description;
        final int trailerLength;
        final int maxPayload;

        Kind(String magic, int version, String description, int trailerLength, int maxPayload) {
            this.magic = magic.getBytes(StandardCharsets.US_ASCII);
            this.version = version;
            this.description = description;
            this.trailerLength = trailerLength;
            this.maxPayload = maxPayload;
        }

        int maxFileSize() {
            return magic.length + 6 + maxPayload + trailerLength;
        }
    }

    /** Header + payload: the part the trailer authenticates. */
    static byte[] body(Kind kind, byte[] payload) {
        if (payload.length > kind.maxPayload) {
            throw new IllegalArgumentException(kind.description + " payload of " + payload.length + " bytes exceeds " + kind.maxPayload);
        }
        return ByteBuffer.allocate(kind.magic.length + 6 + payload.length).put(kind.magic)
                .putShort((short) kind.version).putInt(payload.length).put(payload).array();
    }

    static byte[] withTrailer(byte[] body, byte[] trailer) {
        byte[] out = Arrays.copyOf(body, body.length + trailer.length);
        System.arraycopy(trailer, 0, out, body.length, trailer.length);
        return out;
    }

    static FramedFile parse(Kind kind, byte[] bytes, String name) throws SealedFormatException {
        int header = kind.magic.length + 6;
        if (bytes.length < kind.magic.length || !Arrays.equals(bytes, 0, kind.magic.length, kind.magic, 0, kind.magic.length)) {
            throw new SealedFormatException(name, "is not a " + kind.description + " (bad magic; expected "
                    + new String(kind.magic, StandardCharsets.US_ASCII) + ")");
        }
        if (bytes.length < header) {
            throw new SealedFormatException(name, "is truncated: " + bytes.length + " bytes, shorter than the header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, kind.magic.length, 6);
        int version = Short.toUnsignedInt(buffer.getShort());
        if (version != kind.version) {
            throw new SealedFormatException(name, "format version " + version + " is not supported (this build reads "
                    + kind.description + " version " + kind.version + "): use a matching rack version or reissue the file");
        }
        long length = Integer.toUnsignedLong(buffer.getInt());
        if (length > kind.maxPayload) {
            throw new SealedFormatException(name, "announces a payload of " + length + " bytes, more than the "
                    + kind.maxPayload + " allowed");
        }
        long expected = header + length + kind.trailerLength;
        if (bytes.length != expected) {
            throw new SealedFormatException(name, (bytes.length < expected ? "is truncated: " : "has trailing bytes: ")
                    + bytes.length + " bytes where the header announces " + expected + ": the file was modified or cut");
        }
        int end = header + (int) length;
        return new FramedFile(Arrays.copyOf(bytes, end), Arrays.copyOfRange(bytes, header, end),
                Arrays.copyOfRange(bytes, end, bytes.length));
    }
}
