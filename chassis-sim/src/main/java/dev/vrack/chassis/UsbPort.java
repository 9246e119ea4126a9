package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import dev.vrack.common.EventLog;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.keychain.UsbKeyDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The chassis's USB port: holds at most one emulated dongle (keychain's {@link UsbKeyDevice}); attach,
 * detach, swap, and the dongle's operations. The key-specific key never leaves the dongle: callers get
 * opened license terms and application keys already wrapped for an agent.
 */
public final class UsbPort {

    private final UsbKeyInserter inserter;
    private final EventLog events;
    private volatile UsbKeyListener listener = key -> { };
    private Plugged plugged;

    /** A dongle in the port and its public information. */
    private record Plugged(UsbKeyInfo info, UsbKeyDevice device) {
    }

    public UsbPort(UsbKeyInserter inserter, EventLog events) {
        this.inserter = inserter;
        this.events = events;
    }

    /** Sets who is told about attach, detach and swap (the chassis pushes it to the I/O-bus slots). */
    public void onChange(UsbKeyListener listener) {
        this.listener = listener;
    }

    /** The key in the port, if any. */
    public synchronized Optional<UsbKeyInfo> key() {
        return Optional.ofNullable(plugged).map(Plugged::info);
    }

    /**
     * Plugs in the key image {@code file}. A key already in the port is swapped out (detached
     * first); a file that is not a key image is refused and the port keeps what it had.
     */
    public synchronized UsbKeyInfo attach(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        UsbKeyDevice device;
        try {
            device = inserter.insert(absolute);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            events.emit("usb.refused", Map.of("file", absolute.toString(), "reason", reason));
            throw new ChassisException(Reason.BAD_REQUEST, "cannot attach " + absolute + ": " + reason,
                    "give the absolute path of a hardware key image signed by this rack's authority, e.g. keys/<name>.hwkey "
                            + "in the rack's state folder");
        }
        unplug();
        UsbKeyInfo info = new UsbKeyInfo(device.keyId(), device.chassisId(), absolute);
        plugged = new Plugged(info, device);
        events.emit("usb.attached", describe(info));
        // A swap is one change for the listeners: the port never looked empty to them.
        notifyListener();
        return info;
    }

    /** Unplugs the key; returns what was in the port. */
    public synchronized Optional<UsbKeyInfo> detach() {
        Optional<UsbKeyInfo> removed = unplug();
        removed.ifPresent(info -> notifyListener());
        return removed;
    }

    /**
     * Asks the dongle to verify and open an execution license for this chassis (FIG. 35 S203-S206).
     *
     * @throws NoMediumException     when the port is empty
     * @throws SealedFormatException when the dongle refuses the license; the message says why
     */
    public synchronized OpenedLicense openLicense(byte[] license, String name, String chassisId, Instant now)
            throws SealedFormatException {
        return device().openLicense(license, name, chassisId, now);
    }

    /**
     * Opens the license, unwraps its application decryption key inside the dongle and wraps it for the
     * agent's X25519 public key (FIG. 36 S215): the key leaves the port only in that form.
     *
     * @throws IllegalArgumentException when the agent's public key is not a usable X25519 key
     */
    public synchronized byte[] wrapApplicationKey(byte[] license, byte[] agentPublicKey, String chassisId, Instant now)
            throws SealedFormatException {
        UsbKeyDevice device = device();
        OpenedLicense opened = device.openLicense(license, "license", chassisId, now);
        ApplicationDecryptionKey key = device.unwrapApplicationKey(opened);
        try {
            return AgentKeyPair.wrap(key, agentPublicKey);
        } finally {
            key.destroy();
        }
    }

    private UsbKeyDevice device() {
        if (plugged == null) {
            throw new NoMediumException("no hardware key in the USB port: attach one (rack usb attach) and retry");
        }
        return plugged.device();
    }

    private Optional<UsbKeyInfo> unplug() {
        Plugged removed = plugged;
        plugged = null;
        if (removed == null) {
            return Optional.empty();
        }
        removed.device().close();
        events.emit("usb.detached", describe(removed.info()));
        return Optional.of(removed.info());
    }

    private void notifyListener() {
        try {
            listener.changed(key());
        } catch (RuntimeException e) {
            // The port's state changed whatever a listener does; a failing push must not undo it.
            events.emit("usb.refused", Map.of("reason", "cannot tell the slots about the key change: " + e));
        }
    }

    private static Map<String, Object> describe(UsbKeyInfo info) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", info.keyId());
        details.put("file", info.file().toString());
        return details;
    }
}
