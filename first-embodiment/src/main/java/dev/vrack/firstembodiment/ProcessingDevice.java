package dev.vrack.firstembodiment;

import dev.vrack.firstembodiment.api.DeviceProgram;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.OpenedBundle;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.appapi.InMemoryClassLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;

/**
 * The processing device of the first embodiment (seed 000, 300; claim 5), as a folder:
 * <pre>
 *   device.id        its identification, fixedly recorded: a read-only file (0444). Not a secret.
 *   device.secret    (0600) the device's internal key; it only authenticates the execution counters
 *   executions.dat   the execution counters, HMAC-authenticated (see {@link ExecutionCounter})
 * </pre>
 * {@link #execute} decrypts a software license key with the device's own ID, enforces its conditions of use,
 * decrypts the program image with the key inside and runs it from memory: the plaintext program is never
 * written to disk.
 *
 * <p>The device ID is not a secret: anyone who knows it and holds a license key can decrypt the program key.
 * This mode binds a copy to a device against casual copying; the second embodiment's dongle keeps a secret.
 */
public final class ProcessingDevice {

    static final String ID_FILE = "device.id";
    static final String SECRET_FILE = "device.secret";
    static final String COUNTER_FILE = "executions.dat";

    private final Path dir;
    private final DeviceId id;
    private final ExecutionCounter counter;

    private ProcessingDevice(Path dir, DeviceId id, byte[] secret) {
        this.dir = dir;
        this.id = id;
        this.counter = new ExecutionCounter(dir.resolve(COUNTER_FILE), id, secret);
    }

    /** Makes a new device in dir (created if missing): writes its read-only ID and its internal secret. */
    public static ProcessingDevice create(Path dir, DeviceId id) throws IOException {
        Files.createDirectories(dir);
        Path idFile = dir.resolve(ID_FILE);
        if (Files.exists(idFile)) {
            throw new FileAlreadyExistsException(idFile.toString(), null,
                    "is already a device (ID " + Files.readString(idFile).strip() + "): a device ID cannot be changed");
        }
        byte[] secret = Primitives.random(Primitives.KEY_LENGTH);
        Path secretFile = dir.resolve(SECRET_FILE);
        Files.write(secretFile, secret);
        setPermissions(secretFile, "rw-------");
        Files.writeString(idFile, id.value() + "\n", StandardCharsets.UTF_8);
        setPermissions(idFile, "r--r--r--");
        Arrays.fill(secret, (byte) 0);
        return open(dir);
    }

    /** Opens an existing device folder; refuses an ID memory that is writable (it must be read-only). */
    public static ProcessingDevice open(Path dir) throws SealedFormatException {
        Path idFile = dir.resolve(ID_FILE);
        String name = idFile.toString();
        try {
            if (!Files.exists(idFile)) {
                throw new SealedFormatException(name, "does not exist: " + dir + " is not a device (create it with"
                        + " rack first-embodiment device --dir " + dir + " --device-id ID)");
            }
            if (isPosix(idFile)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(idFile);
                if (permissions.contains(PosixFilePermission.OWNER_WRITE) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                    throw new SealedFormatException(name, "the device ID memory is writable ("
                            + PosixFilePermissions.toString(permissions) + ") but must be read-only: chmod 444 " + idFile);
                }
            }
            if (Files.size(idFile) > 4 * DeviceId.MAX_LENGTH) {
                throw new SealedFormatException(name, "is too large to hold a device ID");
            }
            DeviceId id = new DeviceId(Files.readString(idFile, StandardCharsets.UTF_8).strip());
            Path secretFile = dir.resolve(SECRET_FILE);
            byte[] secret = Files.exists(secretFile) ? Files.readAllBytes(secretFile) : new byte[0];
            if (secret.length != Primitives.KEY_LENGTH) {
                throw new SealedFormatException(secretFile.toString(), "the device's internal secret is missing or damaged:"
                        + " its execution counters cannot be checked");
            }
            try {
                return new ProcessingDevice(dir, id, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (SealedFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SealedFormatException(name, e.getMessage(), e);
        } catch (IOException e) {
            throw new SealedFormatException(name, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The device's read-only identification. */
    public DeviceId id() {
        return id;
    }

    /** The device's folder. */
    public Path dir() {
        return dir;
    }

    /** Executions started so far under a license key (checks the counter file's authentication). */
    public int executionsUsed(String licenseKeyId) throws SealedFormatException {
        return counter.used(licenseKeyId);
    }

    /** Runs a program from files; see {@link #execute(byte[], String, byte[], String, PublicKey)}. */
    public RunningProgram execute(Path licenseKey, Path programImage, PublicKey authority)
            throws SealedFormatException, ExecutionRefusedException {
        byte[] image;
        try {
            image = Files.readAllBytes(programImage);
        } catch (IOException e) {
            throw new SealedFormatException(programImage.toString(), "cannot be read (" + e.getMessage()
                    + "): check the path of the encrypted program", e);
        }
        return execute(SoftwareLicenseKey.read(licenseKey), licenseKey.toString(), image, programImage.toString(), authority);
    }

    /**
     * One execution (FIG. 6): opens the license key with this device's ID (signature, device, tag), opens the
     * program image with the key inside (tag), refuses if the executions allowed are used up, records this
     * execution, then loads the program from memory with only its allowed functions reachable.
     */
    public synchronized RunningProgram execute(byte[] licenseKey, String licenseName, byte[] programImage, String imageName,
            PublicKey authority) throws SealedFormatException, ExecutionRefusedException {
        try (OpenedLicenseKey opened = SoftwareLicenseKey.open(licenseKey, licenseName, authority, id);
             OpenedBundle bundle = EncryptedBundle.open(programImage, imageName, opened.programKey())) {
            int max = opened.conditions().maxExecutions();
            int used = counter.used(opened.licenseKeyId());
            if (used >= max) {
                throw new ExecutionRefusedException("license key " + opened.licenseKeyId() + " allows " + max
                        + " execution" + (max == 1 ? "" : "s") + " of " + opened.programId() + " on device " + id
                        + " and all were used: get a new license key");
            }
            Map<String, byte[]> entries = new HashMap<>();
            for (String path : bundle.paths()) {
                entries.put(path, bundle.read(path));
            }
            DeviceProgram program = load(opened.programId(), entries);
            int now = counter.increment(opened.licenseKeyId());
            return new RunningProgram(opened.programId(), opened.licenseKeyId(), id, opened.conditions(), now, program);
        }
    }

    private static DeviceProgram load(String programId, Map<String, byte[]> entries) throws ExecutionRefusedException {
        String entryClass = entryClass(programId, entries);
        InMemoryClassLoader loader = new InMemoryClassLoader(programId, entries, new ApiOnlyClassLoader());
        try {
            Class<?> type = Class.forName(entryClass, false, loader);
            if (!DeviceProgram.class.isAssignableFrom(type)) {
                throw new ExecutionRefusedException("program " + programId + ": class " + entryClass + " does not implement "
                        + DeviceProgram.class.getName());
            }
            return (DeviceProgram) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            loader.close();
            throw new ExecutionRefusedException("program " + programId + ": class " + entryClass
                    + " cannot be loaded (" + e + "); it may use only the JDK and " + DeviceProgram.class.getPackageName(), e);
        } catch (ExecutionRefusedException e) {
            loader.close();
            throw e;
        }
    }

    private static String entryClass(String programId, Map<String, byte[]> entries) throws ExecutionRefusedException {
        byte[] manifest = entries.get("META-INF/MANIFEST.MF");
        String value = null;
        if (manifest != null) {
            try {
                value = new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes().getValue(ProgramImage.ENTRY_ATTRIBUTE);
            } catch (IOException e) {
                value = null;
            }
        }
        if (value == null || value.isBlank()) {
            throw new ExecutionRefusedException("program " + programId + " has no " + ProgramImage.ENTRY_ATTRIBUTE
                    + " in its manifest: rebuild its image from a jar that names its DeviceProgram class");
        }
        return value.strip();
    }

    private static void setPermissions(Path file, String permissions) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "ProcessingDevice[" + id + ", " + dir + "]";
    }
}
