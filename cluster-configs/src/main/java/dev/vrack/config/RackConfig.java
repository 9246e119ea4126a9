package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A whole rack definition, checked and with every default resolved. Build it with {@link RackConfigLoader}.
 *
 * @param name    the rack's name (also the name of its state folder)
 * @param subnet  the rack's LAN, inside 127.0.0.0/8
 * @param dhcp    DHCP server settings
 * @param chassis the chassis, in file order (the order gives the default hub addresses)
 * @param source  the file the rack was read from; relative card and key paths are relative to its folder
 * @param licenses the execution licenses rack up provisions, in file order
 */
public record RackConfig(String name, Subnet subnet, DhcpSettings dhcp, List<ChassisConfig> chassis, Path source,
                         List<LicenseConfig> licenses) {

    public RackConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(dhcp, "dhcp");
        chassis = List.copyOf(chassis);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    /** A rack without licenses. */
    public RackConfig(String name, Subnet subnet, DhcpSettings dhcp, List<ChassisConfig> chassis, Path source) {
        this(name, subnet, dhcp, chassis, source, List.of());
    }

    /** The chassis with this name, if any. */
    public Optional<ChassisConfig> chassis(String name) {
        return chassis.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The rack's management cartridge, if the file seats one; {@link #managementChassis()} gives its chassis. */
    public Optional<CartridgeConfig> managementCartridge() {
        return chassis.stream().flatMap(c -> c.cartridges().stream())
                .filter(c -> c.kind() == CartridgeKind.MANAGEMENT).findFirst();
    }

    /** The chassis holding the management cartridge, if any. */
    public Optional<ChassisConfig> managementChassis() {
        return chassis.stream()
                .filter(c -> c.cartridges().stream().anyMatch(k -> k.kind() == CartridgeKind.MANAGEMENT))
                .findFirst();
    }

    /**
     * Addresses the DHCP server must never lease dynamically: its own, every hub's, and every fixed cartridge
     * address; sorted, without duplicates.
     */
    public List<Ipv4Address> reservedAddresses() {
        TreeSet<Ipv4Address> reserved = new TreeSet<>();
        reserved.add(dhcp.server());
        for (ChassisConfig c : chassis) {
            reserved.add(c.hubAddress());
            c.cartridges().forEach(k -> k.address().ifPresent(reserved::add));
        }
        return List.copyOf(reserved);
    }
}
