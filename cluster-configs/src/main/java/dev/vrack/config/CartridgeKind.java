package dev.vrack.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a cartridge is for: the rack's single management cartridge, or an application cartridge. */
public enum CartridgeKind {
    /** Runs the DHCP server, the license manager and the NAS watcher; reads the USB key. */
    MANAGEMENT("management"),
    /** Boots from its memory card and runs one application under a license. */
    APP("app");

    private final String wireName;

    CartridgeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in rack files, events and the control API: {@code management} or {@code app}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; the error lists the names that would have been accepted. */
    public static CartridgeKind parse(String text) {
        for (CartridgeKind kind : values()) {
            if (kind.wireName.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown cartridge kind '" + text + "'; expected one of: "
                + Arrays.stream(values()).map(CartridgeKind::wireName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
