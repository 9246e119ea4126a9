package dev.vrack.chassis;

import java.util.Locale;

/** The life stages of a slot, as shown by {@code rack status}. */
public enum SlotState {
    /** No cartridge seated. */
    EMPTY,
    /** A cartridge is seated but has no power. */
    OFF,
    /** The cartridge process runs but has not reported its LAN address yet. */
    BOOTING,
    /** The cartridge has its LAN address. */
    UP,
    /** A graceful removal or a shutdown is in progress. */
    STOPPING,
    /** The process exited while powered, without being asked to. */
    CRASHED;

    /** The lower-case name used in status JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True while a cartridge process is (supposed to be) running. */
    public boolean isPowered() {
        return this == BOOTING || this == UP || this == STOPPING;
    }
}
