package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leases in an append-only CSV file, in the style of Kea's memfile: one line per change
 * ({@code ip,clientId,mac,expiresEpochMs,state,circuit}), replayed on open (the last line of an
 * address wins), then compacted by writing the surviving records to a temporary file and renaming
 * it over the original, so a crash during compaction leaves either the old or the new file.
 * Each change is one unbuffered write, so a server killed with SIGKILL keeps every acknowledged lease.
 */
public final class LeaseFile implements LeaseStore {

    static final String HEADER = "address,client_id,hwaddr,expires_ms,state,circuit";

    private final Path path;
    private final List<LeaseRecord> loaded;
    private final List<String> warnings;
    private final FileChannel channel;

    private LeaseFile(Path path, List<LeaseRecord> loaded, List<String> warnings, FileChannel channel) {
        this.path = path;
        this.loaded = loaded;
        this.warnings = warnings;
        this.channel = channel;
    }

    /** Opens (creating if needed) the lease file, replays and compacts it. */
    public static LeaseFile open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            List<String> warnings = new ArrayList<>();
            Map<Ipv4Address, LeaseRecord> latest = new LinkedHashMap<>();
            if (Files.exists(path)) {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.startsWith("address,")) {
                        continue;
                    }
                    try {
                        LeaseRecord r = parse(line);
                        latest.put(r.ip(), r);
                    } catch (IllegalArgumentException e) {
                        // A line cut short by a crash, or edited by hand: skip it, keep the rest.
                        warnings.add(path + " line " + (i + 1) + " skipped: " + e.getMessage());
                    }
                }
            }
            List<LeaseRecord> records = new ArrayList<>(latest.values());
            Path tmp = parent.resolve(path.getFileName() + ".tmp");
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            for (LeaseRecord r : records) {
                sb.append(format(r)).append('\n');
            }
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new LeaseFile(path, List.copyOf(records), List.copyOf(warnings), channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lease file " + path + ": " + e.getMessage()
                    + " (check that its folder exists and is writable)", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Lines skipped while replaying, each saying where and why. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public List<LeaseRecord> load() {
        return loaded;
    }

    @Override
    public synchronized void save(LeaseRecord record) {
        ByteBuffer line = ByteBuffer.wrap((format(record) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the lease file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every line was written with its own write call; nothing is left to flush.
        }
    }

    static String format(LeaseRecord r) {
        return r.ip() + "," + escape(r.clientId()) + "," + escape(r.mac()) + "," + r.expiresEpochMs() + ","
                + r.state().name().toLowerCase(java.util.Locale.ROOT) + "," + escape(r.circuit());
    }

    static LeaseRecord parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 comma-separated fields (" + HEADER + "), got " + f.length);
        }
        long expires;
        try {
            expires = Long.parseLong(f[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expires_ms '" + f[3] + "' is not a number");
        }
        LeaseState state;
        try {
            state = LeaseState.valueOf(f[4].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + f[4] + "' is not one of bound, released, declined, offered");
        }
        return new LeaseRecord(Ipv4Address.parse(f[0]), unescape(f[1]), unescape(f[2]), expires, state, unescape(f[5]));
    }

    /** Percent-encodes anything that could break the CSV line (circuit IDs come from the network). */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._:-".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated %-escape in '" + s + "'");
                }
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad %-escape in '" + s + "'");
                }
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
