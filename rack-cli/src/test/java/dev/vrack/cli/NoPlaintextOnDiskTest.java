package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, "done when": the plaintext of a sample application is not written anywhere on disk during a run.
 * A licensed rack comes up from nothing (rack up encrypts www onto cards), www runs and answers HTTP, then every
 * file written during the run under the rack's state folder, this test's temp folder and java.io.tmpdir is
 * scanned for any run of 64 or more bytes of www's class files. The scanner is shown to work on a planted file.
 */
class NoPlaintextOnDiskTest {

    /** The shortest run of plaintext that counts as a leak. */
    static final int WINDOW = 64;
    private static final long MAX_SCANNED_FILE = 512L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path temp;

    private RackCli rack;

    @AfterEach
    void cleanUp() {
        if (rack != null) {
            rack.cleanup();
        }
    }

    @Test
    void noFileWrittenDuringALicensedRunHoldsThePlaintextOfWww() throws Exception {
        Path wwwJar = SampleApplications.jar("www");
        Map<String, byte[]> classes = classFiles(wwwJar);
        assertThat(classes).as("class files of " + wwwJar).isNotEmpty();
        PlaintextScanner scanner = new PlaintextScanner(classes);

        // file times have coarse resolution on some file systems: start the window a little early
        Instant start = Instant.now().minusSeconds(2);
        rack = new RackCli(temp.resolve("state"));
        rack.ok("up", RackCli.copyConfig("demo.yml", temp, "noplain", 171).toString(), "--timeout", "90");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> wwwAnswers() >= 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("www never answered HTTP; rack status: " + rack.status() + "\nevents: "
                    + rack.run("events").out(), e);
        }

        List<Path> roots = List.of(rack.stateDir(), temp, Path.of(System.getProperty("java.io.tmpdir")));
        List<Path> scanned = new ArrayList<>();
        Map<Path, String> leaks = new LinkedHashMap<>();
        for (Path root : roots) {
            scan(root, start, wwwJar, scanner, scanned, leaks);
        }
        assertThat(leaks).as("files holding plaintext of " + wwwJar).isEmpty();
        // the scan was not vacuous: it read the encrypted cards and the running cartridges' logs and events
        assertThat(scanned).anyMatch(p -> p.toString().endsWith(".card"));
        assertThat(scanned).anyMatch(p -> p.getFileName().toString().matches("A-\\d+\\.jsonl"));
        assertThat(scanned).anyMatch(p -> p.getFileName().toString().endsWith(".bundle") || p.toString().contains("cards"));

        // the scanner finds a 64-byte run planted among random bytes in a file written now, and only a 64-byte one
        byte[] someClass = classes.values().iterator().next();
        byte[] noise = new byte[4096];
        new SecureRandom().nextBytes(noise);
        Path planted = temp.resolve("state").resolve("planted.bin");
        byte[] content = noise.clone();
        System.arraycopy(someClass, someClass.length / 2, content, 1000, WINDOW);
        Files.write(planted, content);
        Path almost = temp.resolve("almost.bin");
        byte[] shorter = noise.clone();
        System.arraycopy(someClass, someClass.length / 2, shorter, 1000, WINDOW - 1);
        Files.write(almost, shorter);
        Map<Path, String> found = new LinkedHashMap<>();
        scan(temp, start, wwwJar, scanner, new ArrayList<>(), found);
        assertThat(found).containsOnlyKeys(planted);
        assertThat(found.get(planted)).contains("at offset 1000");
    }

    private int wwwAnswers() {
        int answering = 0;
        for (JsonNode chassis : rack.status().path("chassis")) {
            for (JsonNode slot : chassis.path("slots")) {
                if ("running".equals(slot.path("license").asText()) && httpOk(slot.path("ip").asText())) {
                    answering++;
                }
            }
        }
        return answering;
    }

    private static boolean httpOk(String ip) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Scans the regular files under root modified since start. Skips the sample jar itself (the build output),
     * other test runs' JUnit folders in the shared tmpdir (other builds on this machine legitimately hold sample
     * jars there) and files this user cannot read.
     */
    private void scan(Path root, Instant start, Path wwwJar, PlaintextScanner scanner, List<Path> scanned,
            Map<Path, String> leaks) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Path ownTemp = temp.toRealPath();
        Path excluded = wwwJar.toRealPath();
        FileTime since = FileTime.from(start);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean foreignJunit = name.startsWith("junit") && !dir.toRealPath().equals(ownTemp)
                        && !ownTemp.startsWith(dir.toRealPath());
                return foreignJunit || name.startsWith("bash_jobs") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile() || attrs.lastModifiedTime().compareTo(since) < 0 || attrs.size() > MAX_SCANNED_FILE
                        || attrs.size() < WINDOW || file.toRealPath().equals(excluded) || !Files.isReadable(file)) {
                    return FileVisitResult.CONTINUE;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE; // deleted or locked meanwhile
                }
                scanned.add(file);
                String hit = scanner.find(bytes);
                if (hit != null) {
                    leaks.put(file, hit);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable (another user's) or vanished
            }
        });
    }

    private static Map<String, byte[]> classFiles(Path jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); JarInputStream jarIn = new JarInputStream(in)) {
            for (JarEntry entry; (entry = jarIn.getNextJarEntry()) != null; ) {
                if (entry.getName().endsWith(".class")) {
                    classes.put(entry.getName(), jarIn.readAllBytes());
                }
            }
        }
        return classes;
    }

    /**
     * Finds any {@value #WINDOW}-byte window of the plaintext in a file: a rolling hash (Rabin-Karp) of every window
     * of the plaintext in a table, rolled over the file, each hit confirmed byte by byte.
     */
    static final class PlaintextScanner {

        private static final long BASE = 1_000_003L;
        private final long highPower;
        private final Map<Long, List<int[]>> windows = new HashMap<>();
        private final List<byte[]> sources = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        PlaintextScanner(Map<String, byte[]> plaintext) {
            long power = 1;
            for (int i = 1; i < WINDOW; i++) {
                power *= BASE;
            }
            highPower = power;
            for (Map.Entry<String, byte[]> entry : plaintext.entrySet()) {
                int source = sources.size();
                byte[] bytes = entry.getValue();
                sources.add(bytes);
                names.add(entry.getKey());
                if (bytes.length < WINDOW) {
                    continue;
                }
                long hash = hash(bytes, 0);
                for (int i = 0; ; i++) {
                    windows.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(new int[] {source, i});
                    if (i + WINDOW >= bytes.length) {
                        break;
                    }
                    hash = roll(hash, bytes[i], bytes[i + WINDOW]);
                }
            }
        }

        /** A description of the first plaintext window found in data, or null. */
        String find(byte[] data) {
            if (data.length < WINDOW) {
                return null;
            }
            long hash = hash(data, 0);
            for (int i = 0; ; i++) {
                List<int[]> candidates = windows.get(hash);
                if (candidates != null) {
                    for (int[] candidate : candidates) {
                        byte[] source = sources.get(candidate[0]);
                        if (Arrays.equals(data, i, i + WINDOW, source, candidate[1], candidate[1] + WINDOW)) {
                            return WINDOW + " bytes of " + names.get(candidate[0]) + " (its offset " + candidate[1]
                                    + ") at offset " + i;
                        }
                    }
                }
                if (i + WINDOW >= data.length) {
                    return null;
                }
                hash = roll(hash, data[i], data[i + WINDOW]);
            }
        }

        private static long hash(byte[] bytes, int from) {
            long hash = 0;
            for (int i = from; i < from + WINDOW; i++) {
                hash = hash * BASE + (bytes[i] & 0xff);
            }
            return hash;
        }

        private long roll(long hash, byte out, byte in) {
            return (hash - (out & 0xff) * highPower) * BASE + (in & 0xff);
        }
    }
}
