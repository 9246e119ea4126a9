package dev.vrack.keychain;

import java.nio.charset.StandardCharsets;

/** The kinds of sealed files: their magic, the version this build reads, size limit and how they are authenticated. */
public enum SealedFileType {
    /** The authority's private key, encrypted under a passphrase-derived key (the AES-GCM tag is inside the payload). */
    AUTHORITY_PRIVATE_KEY("VRAUTHK", "authority private key", 1, 4 * 1024, Authentication.INNER_AEAD),
    /** A hardware (USB) key image, FIG. 13; signed by the authority. */
    HARDWARE_KEY("VRHWKEY", "hardware key image", 1, 4 * 1024, Authentication.AUTHORITY_SIGNATURE),
    /** An encrypted application execution license, FIG. 16; encrypted under the key-specific key and signed. */
    EXECUTION_LICENSE("VRLIC", "execution license", 1, 64 * 1024, Authentication.AUTHORITY_SIGNATURE),
    /** An application encryption key (X25519 public half) handed to the software provider. */
    APPLICATION_ENCRYPTION_KEY("VRAPPK", "application encryption key", 1, 1024, Authentication.AUTHORITY_SIGNATURE),
    /** An encrypted application bundle, FIG. 23; authenticated by an AES-GCM tag over the whole file. */
    APPLICATION_BUNDLE("VRAPPB", "encrypted application bundle", 1, 64 * 1024 * 1024, Authentication.AEAD_TAG);

    /** How a file of a type proves it was not modified. */
    public enum Authentication {
        /** Trailer: the signer's 8-byte key ID, then an Ed25519 signature over everything before it. */
        AUTHORITY_SIGNATURE(SealedFile.KEY_ID_LENGTH + SealedFile.SIGNATURE_LENGTH),
        /** Trailer: a 16-byte AES-256-GCM tag over everything before it, under a key only the reader holds. */
        AEAD_TAG(SealedFile.TAG_LENGTH),
        /** No trailer: the payload carries its own AEAD ciphertext, whose associated data binds the header. */
        INNER_AEAD(0);

        private final int trailerLength;

        Authentication(int trailerLength) {
            this.trailerLength = trailerLength;
        }

        /** Bytes after the payload. */
        public int trailerLength() {
            return trailerLength;
        }
    }

    private final byte[] magic;
    private final String description;
    private final int version;
    private final int maxPayload;
    private final Authentication authentication;

    SealedFileType(String magic, String description, int version, int maxPayload, Authentication authentication) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.description = description;
        this.version = version;
        this.maxPayload = maxPayload;
        this.authentication = authentication;
    }

    /** The magic bytes at the start of the file (a copy). */
    public byte[] magic() {
        return magic.clone();
    }

    int magicLength() {
        return magic.length;
    }

    byte magicAt(int i) {
        return magic[i];
    }

    /** The magic as text, e.g. "VRLIC". */
    public String magicText() {
        return new String(magic, StandardCharsets.US_ASCII);
    }

    /** A human name for error messages, e.g. "execution license". */
    public String description() {
        return description;
    }

    /** The description with its article, e.g. "an execution license". */
    public String withArticle() {
        return ("aeiou".indexOf(description.charAt(0)) >= 0 ? "an " : "a ") + description;
    }

    /** The only format version this build reads and writes. */
    public int version() {
        return version;
    }

    /** Largest payload accepted, in bytes. */
    public int maxPayload() {
        return maxPayload;
    }

    /** How files of this type are authenticated. */
    public Authentication authentication() {
        return authentication;
    }

    /** Header (magic, version, length) + payload + trailer, at most. */
    public long maxFileSize() {
        return (long) magic.length + SealedFile.VERSION_LENGTH + SealedFile.LENGTH_LENGTH + maxPayload
                + authentication.trailerLength();
    }
}
