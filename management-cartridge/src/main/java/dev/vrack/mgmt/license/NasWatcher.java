package dev.vrack.mgmt.license;

import dev.vrack.common.EventLog;
import dev.vrack.license.AcquiredLicense;
import dev.vrack.proto.backplane.ErrorCode;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the NAS folder ({@code <rack>/nas/*.lic}): every poll it opens new and changed files through the
 * dongle, drops removed ones and hands the current set of licenses on whenever it changed, so licenses
 * come and go without a restart. A bad file is refused with a {@code license.refused} event (once per
 * content) and the others keep being served.
 */
public final class NasWatcher implements AutoCloseable {

    /** How often the folder is read. */
    public static final long POLL_MS = 500;
    /** The largest license file the dongle is asked to open (an OpenLicense frame must stay under 64 KiB). */
    static final int MAX_LICENSE_BYTES = 60 * 1024;

    private final Path dir;
    private final Dongle dongle;
    private final EventLog events;
    private final Consumer<List<LicenseFile>> sink;
    private final long dongleTimeoutMs;
    private final ScheduledExecutorService poller;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, String> reported = new HashMap<>();
    private volatile boolean invalidated;
    private List<String> lastHandedOn;

    /** What was concluded about one file's content (digest): opened, or refused and why. */
    private record Entry(String digest, LicenseFile opened, String refusal) {
    }

    /**
     * @param sink told the current licenses each time the set changes (and once after the first poll)
     */
    public NasWatcher(Path dir, Dongle dongle, EventLog events, Consumer<List<LicenseFile>> sink, long dongleTimeoutMs) {
        this.dir = dir;
        this.dongle = dongle;
        this.events = events;
        this.sink = sink;
        this.dongleTimeoutMs = dongleTimeoutMs;
        this.poller = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("nas-watcher", true));
    }

    /** Starts polling (the first poll right away). */
    public void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** The key in the port changed: every file is opened again with the new key at the next poll. */
    public void invalidate() {
        invalidated = true;
        poller.execute(this::pollSafely);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // One bad poll must not end the polling: the next one tries again.
            events.emit("license.refused", Map.of("file", dir.toString(), "reason", "cannot read the NAS folder: " + e));
        }
    }

    private void poll() {
        boolean reopenAll = invalidated;
        invalidated = false;
        Map<String, byte[]> contents = readFolder();
        entries.keySet().retainAll(contents.keySet());
        reported.keySet().retainAll(contents.keySet());
        contents.forEach((name, bytes) -> {
            if (bytes == null) {
                return;
            }
            String digest = digest(bytes);
            Entry known = entries.get(name);
            if (reopenAll || known == null || !known.digest().equals(digest)) {
                Entry opened = open(name, bytes, digest);
                if (opened != null) {
                    entries.put(name, opened);
                }
            }
        });
        List<LicenseFile> current = new ArrayList<>();
        Map<String, String> fileOfLicense = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (entry.opened() == null) {
                report(e.getKey(), entry.refusal());
                continue;
            }
            String licenseId = entry.opened().license().licenseId();
            String first = fileOfLicense.putIfAbsent(licenseId, e.getKey());
            if (first != null) {
                // A copy of a license must not count its seats twice.
                report(e.getKey(), "license " + licenseId + " is already loaded from " + first
                        + "; a copy does not add seats: remove one of the two files");
                continue;
            }
            reportLoaded(e.getKey(), entry.opened());
            current.add(entry.opened());
        }
        List<String> handedOn = current.stream().map(f -> f.name() + "=" + f.license().licenseId()).toList();
        if (!handedOn.equals(lastHandedOn)) {
            lastHandedOn = handedOn;
            sink.accept(List.copyOf(current));
        }
    }

    /** Every {@code *.lic} file and its bytes; null for one not to be opened now (unreadable, or refused for its size). */
    private Map<String, byte[]> readFolder() {
        Map<String, byte[]> contents = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return contents;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.lic")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    if (Files.size(file) > MAX_LICENSE_BYTES) {
                        entries.put(name, new Entry("size:" + Files.size(file), null, "the file has " + Files.size(file)
                                + " bytes; a license file has at most " + MAX_LICENSE_BYTES + ": it is not a license"));
                        contents.put(name, null);
                        continue;
                    }
                    contents.put(name, Files.readAllBytes(file));
                } catch (IOException e) {
                    // Being written or removed right now: keep what was concluded and look again at the next poll.
                    contents.put(name, null);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return contents;
    }

    /** Opens one file through the dongle; null when the dongle could not be asked (tried again next poll). */
    private Entry open(String name, byte[] bytes, String digest) {
        try {
            AcquiredLicense license = dongle.open(bytes, name).get(dongleTimeoutMs, TimeUnit.MILLISECONDS);
            return new Entry(digest, new LicenseFile(name, bytes, license), null);
        } catch (java.util.concurrent.ExecutionException e) {
            DongleException refusal = DongleException.of(e.getCause());
            if (refusal.code() == ErrorCode.ERROR_CODE_UNSPECIFIED) {
                report(name, refusal.getMessage());
                return null;
            }
            return new Entry(digest, null, reason(refusal));
        } catch (java.util.concurrent.TimeoutException e) {
            report(name, "the dongle did not answer within " + dongleTimeoutMs + " ms; trying again");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String reason(DongleException refusal) {
        if (refusal.code() == ErrorCode.NO_MEDIUM) {
            return "no hardware key in the USB port to open it with (it is opened again when a key is attached)";
        }
        return refusal.getMessage();
    }

    private void report(String name, String reason) {
        if (!Objects.equals(reported.put(name, "refused:" + reason), "refused:" + reason)) {
            events.emit("license.refused", Map.of("file", dir.resolve(name).toString(), "reason", reason));
        }
    }

    private void reportLoaded(String name, LicenseFile opened) {
        AcquiredLicense license = opened.license();
        if (!Objects.equals(reported.put(name, "loaded:" + license.licenseId()), "loaded:" + license.licenseId())) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", dir.resolve(name).toString());
            details.put("licenseId", license.licenseId());
            details.put("app", license.appId());
            details.put("count", license.count());
            details.put("chassisIds", license.chassisIds().stream().sorted().toList());
            events.emit("license.loaded", details);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
