package dev.vrack.keychain;

import dev.vrack.proto.keychain.BundleEntry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authenticated application bundle, open in memory: files are decrypted on demand into fresh byte
 * arrays and never written anywhere. Close it to wipe the file key.
 */
public final class OpenedBundle implements AutoCloseable {

    private final String name;
    private final String applicationId;
    private final Map<String, Integer> indexByPath = new LinkedHashMap<>();
    private final List<BundleEntry> entries;
    private final byte[] fileKey;
    private volatile boolean closed;

    OpenedBundle(String name, String applicationId, List<BundleEntry> entries, byte[] fileKey) {
        this.name = name;
        this.applicationId = applicationId;
        this.entries = List.copyOf(entries);
        this.fileKey = fileKey;
        for (int i = 0; i < entries.size(); i++) {
            indexByPath.put(entries.get(i).getPath(), i);
        }
    }

    /** The application the bundle carries. */
    public String applicationId() {
        return applicationId;
    }

    /** Every file path in the bundle, in bundle order. */
    public Set<String> paths() {
        return java.util.Collections.unmodifiableSet(indexByPath.keySet());
    }

    /** True if the file was listed in the encryption information file. */
    public boolean isEncrypted(String path) throws SealedFormatException {
        return entries.get(index(path)).getEncrypted();
    }

    /** The file's plaintext, in a fresh array the caller owns (decrypted in memory if it was encrypted). */
    public byte[] read(String path) throws SealedFormatException {
        int index = index(path);
        BundleEntry entry = entries.get(index);
        if (!entry.getEncrypted()) {
            return entry.getContent().toByteArray();
        }
        if (closed) {
            throw new IllegalStateException("bundle " + name + " was closed");
        }
        try {
            return Aead.decrypt(fileKey, fileNonce(index), entry.getContent().toByteArray(), fileAad(path));
        } catch (Aead.TagMismatch e) {
            throw new SealedFormatException(name, "file '" + path + "' does not decrypt: the bundle was modified");
        }
    }

    private int index(String path) throws SealedFormatException {
        Integer index = indexByPath.get(path);
        if (index == null) {
            throw new SealedFormatException(name, "has no file '" + path + "'");
        }
        return index;
    }

    /** Nonce of entry i: its index. Unique because the file key is fresh for every bundle. */
    static byte[] fileNonce(int index) {
        return ByteBuffer.allocate(Aead.NONCE_LENGTH).putInt(Aead.NONCE_LENGTH - 4, index).array();
    }

    static byte[] fileAad(String path) {
        return Labels.of("vrack/bundle/file/v1").field(path).bytes();
    }

    /** Wipes the file key; later reads of encrypted files fail. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(fileKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "OpenedBundle[" + name + ", application " + applicationId + ", " + entries.size() + " files]";
    }
}
