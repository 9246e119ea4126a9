package dev.vrack.keychain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The container of every key-chain file: magic, format version, payload length, protobuf payload, and
 * an authentication trailer (see {@link SealedFileType.Authentication}). Reading is strict: size limits,
 * exact version, no truncation, no trailing bytes.
 */
public final class SealedFile {

    static final int VERSION_LENGTH = 2;
    static final int LENGTH_LENGTH = 4;
    static final int KEY_ID_LENGTH = 8;
    static final int SIGNATURE_LENGTH = 64;
    static final int TAG_LENGTH = 16;

    private final SealedFileType type;
    private final String name;
    private final byte[] bytes;
    private final int payloadOffset;
    private final int payloadLength;

    private SealedFile(SealedFileType type, String name, byte[] bytes, int payloadOffset, int payloadLength) {
        this.type = type;
        this.name = name;
        this.bytes = bytes;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    /** Reads a file of the given type, refusing it before reading if it is larger than the type allows. */
    public static SealedFile read(Path file, SealedFileType type) throws SealedFormatException {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > type.maxFileSize()) {
                throw new SealedFormatException(name, "is " + size + " bytes, larger than any " + type.description()
                        + " (at most " + type.maxFileSize() + "): not " + type.withArticle());
            }
            return parse(type, Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw new SealedFormatException(name, "does not exist: check the path of the " + type.description(), e);
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(name, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the container (not the payload, not the authentication: see {@link #verifySignature}). */
    public static SealedFile parse(SealedFileType type, byte[] bytes, String name) throws SealedFormatException {
        int magicLength = type.magicLength();
        for (int i = 0; i < Math.min(magicLength, bytes.length); i++) {
            if (bytes[i] != type.magicAt(i)) {
                throw new SealedFormatException(name, notThisType(type, bytes));
            }
        }
        int headerLength = magicLength + VERSION_LENGTH + LENGTH_LENGTH;
        if (bytes.length < headerLength) {
            throw new SealedFormatException(name, "is truncated: " + bytes.length + " bytes, shorter than the "
                    + headerLength + "-byte header of " + type.withArticle());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, magicLength, VERSION_LENGTH + LENGTH_LENGTH);
        int version = Short.toUnsignedInt(buffer.getShort());
        if (version != type.version()) {
            throw new SealedFormatException(name, "format version " + version + " is not supported (this build reads "
                    + type.description() + " version " + type.version() + "): use a matching rack version or reissue the file");
        }
        long payloadLength = Integer.toUnsignedLong(buffer.getInt());
        if (payloadLength > type.maxPayload()) {
            throw new SealedFormatException(name, "header announces a payload of " + payloadLength
                    + " bytes, more than the " + type.maxPayload() + " allowed for " + type.withArticle());
        }
        long expected = headerLength + payloadLength + type.authentication().trailerLength();
        if (bytes.length < expected) {
            throw new SealedFormatException(name, "is truncated: " + bytes.length + " bytes, the header announces "
                    + expected + ": copy the file again from its source");
        }
        if (bytes.length > expected) {
            throw new SealedFormatException(name, "has " + (bytes.length - expected)
                    + " trailing bytes after the end of the " + type.description() + ": the file was modified or concatenated");
        }
        return new SealedFile(type, name, bytes.clone(), headerLength, (int) payloadLength);
    }

    private static String notThisType(SealedFileType expected, byte[] bytes) {
        for (SealedFileType other : SealedFileType.values()) {
            if (other != expected && startsWith(bytes, other)) {
                return "is " + other.withArticle() + " (magic " + other.magicText() + "), not "
                        + expected.withArticle() + " (magic " + expected.magicText() + ")";
            }
        }
        return "is not " + expected.withArticle() + " (bad magic; expected " + expected.magicText() + ")";
    }

    private static boolean startsWith(byte[] bytes, SealedFileType type) {
        if (bytes.length < type.magicLength()) {
            return false;
        }
        for (int i = 0; i < type.magicLength(); i++) {
            if (bytes[i] != type.magicAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Builds header + payload, the part a tag or signature covers (without the signer's key ID). */
    static byte[] headerAndPayload(SealedFileType type, byte[] payload) {
        if (payload.length > type.maxPayload()) {
            throw new IllegalArgumentException(type.description() + " payload of " + payload.length
                    + " bytes exceeds the limit of " + type.maxPayload());
        }
        ByteBuffer buffer = ByteBuffer.allocate(type.magicLength() + VERSION_LENGTH + LENGTH_LENGTH + payload.length);
        buffer.put(type.magic()).putShort((short) type.version()).putInt(payload.length).put(payload);
        return buffer.array();
    }

    /** Header + payload + the authority's key ID + its Ed25519 signature over all that precedes it. */
    public static byte[] signed(SealedFileType type, byte[] payload, AuthorityKeys authority) {
        requireAuthentication(type, SealedFileType.Authentication.AUTHORITY_SIGNATURE);
        byte[] body = headerAndPayload(type, payload);
        byte[] keyId = HexFormat.of().parseHex(authority.keyId());
        byte[] signedPart = concat(body, keyId);
        return concat(signedPart, authority.sign(signedPart));
    }

    /** Header + payload with no trailer: for types whose payload authenticates itself. */
    static byte[] unsigned(SealedFileType type, byte[] payload) {
        requireAuthentication(type, SealedFileType.Authentication.INNER_AEAD);
        return headerAndPayload(type, payload);
    }

    /** Header + payload + a tag that the caller computed over {@link #headerAndPayload}. */
    static byte[] tagged(SealedFileType type, byte[] headerAndPayload, byte[] tag) {
        requireAuthentication(type, SealedFileType.Authentication.AEAD_TAG);
        if (tag.length != TAG_LENGTH) {
            throw new IllegalArgumentException("a tag is " + TAG_LENGTH + " bytes, got " + tag.length);
        }
        return concat(headerAndPayload, tag);
    }

    private static void requireAuthentication(SealedFileType type, SealedFileType.Authentication expected) {
        if (type.authentication() != expected) {
            throw new IllegalArgumentException(type.description() + " files are authenticated by "
                    + type.authentication() + ", not " + expected);
        }
    }

    /**
     * Checks the authority's signature; the only check that makes the payload trustworthy.
     * Refuses a file signed by another authority with a message naming both key IDs.
     */
    public void verifySignature(PublicKey authority) throws SealedFormatException {
        requireAuthentication(type, SealedFileType.Authentication.AUTHORITY_SIGNATURE);
        int keyIdOffset = payloadOffset + payloadLength;
        String signer = HexFormat.of().formatHex(bytes, keyIdOffset, keyIdOffset + KEY_ID_LENGTH);
        String trusted = Ed25519.keyId(authority);
        if (!signer.equals(trusted)) {
            throw new SealedFormatException(name, "signature does not verify: the file names authority key "
                    + signer + " but this rack trusts authority key " + trusted
                    + " (signed by another authority, or modified): get it issued by the rack's authority");
        }
        int signatureOffset = keyIdOffset + KEY_ID_LENGTH;
        byte[] signature = Arrays.copyOfRange(bytes, signatureOffset, signatureOffset + SIGNATURE_LENGTH);
        if (!Ed25519.verify(authority, Arrays.copyOf(bytes, signatureOffset), signature)) {
            throw new SealedFormatException(name,
                    "signature does not verify: the file was modified or was signed by another authority");
        }
    }

    /** The payload (a copy). Trust it only after the file's authentication was checked. */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, payloadOffset, payloadOffset + payloadLength);
    }

    /** Header + payload: the associated data of a tag trailer. */
    byte[] headerAndPayload() {
        return Arrays.copyOf(bytes, payloadOffset + payloadLength);
    }

    /** The trailer (signer key ID + signature, or tag); empty for self-authenticating payloads. */
    byte[] trailer() {
        return Arrays.copyOfRange(bytes, payloadOffset + payloadLength, bytes.length);
    }

    /** The file's type. */
    public SealedFileType type() {
        return type;
    }

    /** The name used in error messages (usually the path). */
    public String name() {
        return name;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "SealedFile[" + type.magicText() + " v" + type.version() + ", " + name + ", " + payloadLength + " bytes]";
    }
}
