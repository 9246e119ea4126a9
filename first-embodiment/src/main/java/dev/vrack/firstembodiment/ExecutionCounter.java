package dev.vrack.firstembodiment;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.firstembodiment.ExecutionCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * A device's persistent execution counters, one per license key, in a file authenticated by an HMAC-SHA256
 * under a key derived from the device's internal secret (not from its ID, which anyone knows): an edited count
 * or a counter file copied from another device is refused.
 *
 * <p>Limit: a file system cannot hold a monotonic value, so putting back an older copy of the whole file
 * (rollback) is not detected; a real device would keep the counters in its own non-volatile memory.
 */
final class ExecutionCounter {

    private static final String KEY_LABEL = "vrack/first-embodiment/counter/v1";

    private final Path file;
    private final DeviceId device;
    private final byte[] macKey;

    ExecutionCounter(Path file, DeviceId device, byte[] deviceSecret) {
        this.file = file;
        this.device = device;
        this.macKey = Primitives.hkdf(deviceSecret, new byte[0], Primitives.label(KEY_LABEL, device.value()));
    }

    /** Executions started so far under a license key (0 if none). */
    int used(String licenseKeyId) throws SealedFormatException {
        return load().getExecutionsOrDefault(licenseKeyId, 0);
    }

    /** Records one more execution under a license key, durably, and returns the new count. */
    int increment(String licenseKeyId) throws SealedFormatException {
        ExecutionCounters counters = load();
        int next = counters.getExecutionsOrDefault(licenseKeyId, 0) + 1;
        byte[] body = FramedFile.body(FramedFile.Kind.COUNTERS,
                counters.toBuilder().putExecutions(licenseKeyId, next).build().toByteArray());
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".executions", ".tmp");
            try {
                Files.write(temp, FramedFile.withTrailer(body, Primitives.hmac(macKey, body)));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SealedFormatException(file.toString(), "cannot record the execution (" + e.getMessage()
                    + "): the program is not started; check that the device folder is writable", e);
        }
        return next;
    }

    private ExecutionCounters load() throws SealedFormatException {
        String name = file.toString();
        if (!Files.exists(file)) {
            return ExecutionCounters.newBuilder().setDeviceId(device.value()).build();
        }
        byte[] bytes;
        try {
            if (Files.size(file) > FramedFile.Kind.COUNTERS.maxFileSize()) {
                throw new SealedFormatException(name, "is too large to be an execution counter file: it was tampered with");
            }
            bytes = Files.readAllBytes(file);
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(name, "cannot be read (" + e.getMessage() + ")", e);
        }
        FramedFile framed = FramedFile.parse(FramedFile.Kind.COUNTERS, bytes, name);
        if (!MessageDigest.isEqual(Primitives.hmac(macKey, framed.signedPart()), framed.trailer())) {
            throw new SealedFormatException(name, "execution counters were tampered with (HMAC does not verify, or the"
                    + " file comes from another device): the device refuses licensed programs until the original file is put back");
        }
        try {
            ExecutionCounters counters = ExecutionCounters.parseFrom(framed.payload());
            if (!counters.getDeviceId().equals(device.value())) {
                throw new SealedFormatException(name, "belongs to device " + counters.getDeviceId() + ", not " + device);
            }
            return counters;
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "authenticated but corrupt: the device's counter file is damaged", e);
        }
    }
}
