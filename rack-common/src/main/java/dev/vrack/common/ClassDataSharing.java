package dev.vrack.common;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Application class-data sharing for the rack's JVMs: a rack starts dozens of small JVMs that load the same
 * Netty, MINA, protobuf and Jackson classes, and a shared archive roughly halves their start time and memory.
 *
 * <p>The first process of each role (chassis, management, app) on a given class path records its classes
 * into {@code <role>-<key>.jsa.part} when it exits normally ({@code -XX:ArchiveClassesAtExit}); the key
 * hashes the JDK and every class path entry, so a rebuild makes a new archive. {@link #promote} turns a
 * finished part into the archive that later processes map, but only after its writer is gone and a test JVM
 * has mapped it, because a truncated archive (a writer killed mid-dump) would crash every JVM that maps it.
 * Class paths with directories (test runs) cannot share classes; they get no options.
 */
public final class ClassDataSharing {

    /** Set to {@code off} to start every JVM without archives. */
    public static final String SWITCH_ENV = "RACK_CDS";

    private final Path dir;
    private final String key;

    private ClassDataSharing(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /** Sharing for this JVM's class path in {@code dir}, if the class path allows it. */
    public static Optional<ClassDataSharing> forThisClassPath(Path dir) {
        if ("off".equalsIgnoreCase(System.getenv(SWITCH_ENV))) {
            return Optional.empty();
        }
        String classPath = JavaProcess.classPath();
        if (classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!Files.isRegularFile(path)) {
                    return Optional.empty();
                }
                digest.update((path.toAbsolutePath() + "|" + Files.size(path) + "|"
                        + Files.getLastModifiedTime(path).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of(new ClassDataSharing(dir, HexFormat.of().formatHex(digest.digest()).substring(0, 16)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** The options for a new process of {@code role} with the archives in {@code dir}; none when sharing is impossible. */
    public static Claim claim(Path dir, String role) {
        return forThisClassPath(dir).map(cds -> cds.optionsFor(role)).orElse(new Claim(List.of(), null));
    }

    /** The JVM options for a new process of {@code role}: map the archive, or record one, or nothing. */
    public Claim optionsFor(String role) {
        Path archive = archive(role);
        if (Files.isRegularFile(archive)) {
            return new Claim(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), null);
        }
        try {
            Files.createDirectories(dir);
            Files.createFile(claim(role));
            return new Claim(List.of("-XX:ArchiveClassesAtExit=" + part(role)), claim(role));
        } catch (FileAlreadyExistsException alreadyRecording) {
            return new Claim(List.of(), null);
        } catch (IOException e) {
            return new Claim(List.of(), null);
        }
    }

    /**
     * The options for one process, and (when it records the archive) the claim file in which the starter
     * writes that process's identity, so that {@link #promote} knows when the recording is finished.
     */
    public record Claim(List<String> jvmOptions, Path claimFile) {

        public void recordWriter(ProcessHandle process) {
            if (claimFile == null) {
                return;
            }
            ProcessRecord writer = ProcessRecord.of(process);
            try {
                Files.writeString(claimFile, writer.pid() + " " + writer.started());
            } catch (IOException e) {
                // Without the writer's identity the claim is cleared as stale and recorded again later.
            }
        }
    }

    /**
     * Turns finished recordings in {@code dir} into archives, and clears claims whose writer died without
     * leaving a usable archive.
     */
    public static void promote(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> claims = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".claim")).forEach(claims::add);
        } catch (IOException e) {
            return;
        }
        for (Path claim : claims) {
            promoteOne(claim);
        }
    }

    private static void promoteOne(Path claim) {
        String base = claim.getFileName().toString().replace(".claim", "");
        Path part = claim.resolveSibling(base + ".jsa.part");
        Path archive = claim.resolveSibling(base + ".jsa");
        Optional<ProcessRecord> writer = writer(claim);
        try {
            if (writer.isEmpty()) {
                if (Files.getLastModifiedTime(claim).toInstant().isBefore(Instant.now().minusSeconds(60))) {
                    Files.deleteIfExists(claim);
                }
                return;
            }
            if (writer.get().isAlive()) {
                return;
            }
            if (Files.isRegularFile(part) && maps(part)) {
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(part);
            }
            Files.deleteIfExists(claim);
        } catch (IOException e) {
            // Left as it is; the next promotion tries again.
        }
    }

    private static Optional<ProcessRecord> writer(Path claim) {
        try {
            String[] parts = Files.readString(claim).trim().split(" ");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new ProcessRecord(Long.parseLong(parts[0]), Instant.parse(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Maps the archive in a throwaway JVM: a damaged archive fails (or crashes) there, not in the rack. */
    private static boolean maps(Path part) {
        try {
            List<String> command = new ArrayList<>(List.of(JavaProcess.javaExecutable()));
            JavaProcess.SMALL_JVM.stream().filter(o -> !o.startsWith("-Xshare")).forEach(command::add);
            command.addAll(List.of("-XX:SharedArchiveFile=" + part, "-Xshare:on", "-cp", JavaProcess.classPath(),
                    "-version"));
            Process check = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path archive(String role) {
        return dir.resolve(role + "-" + key + ".jsa");
    }

    private Path part(String role) {
        return dir.resolve(role + "-" + key + ".jsa.part");
    }

    private Path claim(String role) {
        return dir.resolve(role + "-" + key + ".claim");
    }
}
