package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One chassis of the rack, with defaults resolved.
 *
 * @param name       short name used on the command line and in file names ({@code A})
 * @param chassisId  the ID held in the chassis's read-only ID memory
 * @param slots      number of slots, numbered 0 to slots - 1
 * @param ioBus      the slots wired to the I/O bus (ID memory and USB port); default {0}
 * @param hubAddress the hub's LAN address (the DHCP relay agent's giaddr); default last host - chassis index
 * @param usbKey     a key name (provisioned under the state folder) or a path to a key image (contains a '/')
 * @param cartridges the cartridges seated at start, in file order
 */
public record ChassisConfig(String name, String chassisId, int slots, SortedSet<Integer> ioBus,
                            Ipv4Address hubAddress, Optional<String> usbKey, List<CartridgeConfig> cartridges) {

    public ChassisConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chassisId, "chassisId");
        Objects.requireNonNull(hubAddress, "hubAddress");
        Objects.requireNonNull(usbKey, "usbKey");
        ioBus = Collections.unmodifiableSortedSet(new TreeSet<>(ioBus));
        cartridges = List.copyOf(cartridges);
    }

    /** The cartridge seated in a slot at start, if any. */
    public Optional<CartridgeConfig> cartridge(int slot) {
        return cartridges.stream().filter(c -> c.slot() == slot).findFirst();
    }

    /** True when the slot is wired to the I/O bus, so it may read the ID memory and the USB key. */
    public boolean isIoBus(int slot) {
        return ioBus.contains(slot);
    }
}
