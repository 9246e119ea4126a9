package dev.vrack.chassis;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a slot looks like at one instant (immutable).
 *
 * @param pid     the process of the current (or crashed) cartridge, empty when off or empty
 * @param ip      the LAN address the cartridge reported, empty until it reports one
 * @param details free-form state the cartridge reported with ReportState
 */
public record SlotSnapshot(int slot, SlotState state, Optional<String> kind, Optional<Path> card, OptionalLong pid,
                           Optional<String> ip, boolean ioBus, Map<String, String> details) {

    public SlotSnapshot {
        details = Map.copyOf(details);
    }
}
