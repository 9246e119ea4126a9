package dev.vrack.app;

import dev.vrack.dhcp.Lease;
import java.time.Duration;

/** Something on the app cartridge that works on the LAN only while the cartridge holds a DHCP lease. */
public interface LanParticipant {

    /** The cartridge has (or renewed onto a new) address. */
    void joined(Lease lease);

    /** The cartridge lost its address; nothing may use the LAN until the next {@link #joined}. */
    void lost(String reason);

    /** Graceful stop, before the DHCP lease is released: say goodbye on the LAN within {@code deadline}. */
    default void stop(Duration deadline) {
    }

    /** The power went: drop everything without a goodbye. */
    default void powerCut() {
    }
}
