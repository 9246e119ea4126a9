package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import dev.vrack.common.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The chassis's USB port: holds at most one hardware key image; attach, detach, swap. */
public final class UsbPort {

    private final UsbKeyReader reader;
    private final EventLog events;
    private UsbKeyInfo key;

    public UsbPort(UsbKeyReader reader, EventLog events) {
        this.reader = reader;
        this.events = events;
    }

    /** The key in the port, if any. */
    public synchronized Optional<UsbKeyInfo> key() {
        return Optional.ofNullable(key);
    }

    /**
     * Plugs in the key image {@code file}. A key already in the port is swapped out (detached
     * first); a file that is not a key image is refused and the port keeps what it had.
     */
    public synchronized UsbKeyInfo attach(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        UsbKeyInfo read;
        try {
            read = reader.read(absolute);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            events.emit("usb.refused", Map.of("file", absolute.toString(), "reason", reason));
            throw new ChassisException(Reason.BAD_REQUEST, "cannot attach " + absolute + ": " + reason,
                    "give the absolute path of a hardware key image signed by this rack's authority, e.g. keys/<name>.hwkey "
                            + "in the rack's state folder");
        }
        if (key != null) {
            detach();
        }
        key = read;
        events.emit("usb.attached", describe(read));
        return read;
    }

    /** Unplugs the key; returns what was in the port. */
    public synchronized Optional<UsbKeyInfo> detach() {
        UsbKeyInfo removed = key;
        key = null;
        if (removed != null) {
            events.emit("usb.detached", describe(removed));
        }
        return Optional.ofNullable(removed);
    }

    private static Map<String, Object> describe(UsbKeyInfo info) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", info.keyId());
        details.put("file", info.file().toString());
        return details;
    }
}
