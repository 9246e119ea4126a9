package dev.vrack.scenario;

import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.CartridgeKind;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.LicenseConfig;
import dev.vrack.config.RackConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The names a scenario may use in a rack: its chassis with their slot counts and, when every app card names
 * its application (no card images, whose application is only known once opened), the applications.
 *
 * @param slots chassis name to slot count, in file order
 * @param apps  the applications on the cards and in the licenses; empty when a card image hides one
 * @param managed whether the rack has a management cartridge (restart-manager needs one)
 */
record RackNames(Map<String, Integer> slots, Optional<List<String>> apps, boolean managed) {

    static RackNames of(RackConfig rack) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        TreeSet<String> apps = new TreeSet<>();
        boolean imageCards = false;
        for (ChassisConfig chassis : rack.chassis()) {
            slots.put(chassis.name(), chassis.slots());
            for (CartridgeConfig cartridge : chassis.cartridges()) {
                if (cartridge.kind() == CartridgeKind.APP) {
                    imageCards |= cartridge.cardIsImage();
                    cartridge.card().filter(c -> !cartridge.cardIsImage()).ifPresent(apps::add);
                }
            }
        }
        rack.licenses().stream().map(LicenseConfig::app).forEach(apps::add);
        return new RackNames(slots, imageCards ? Optional.empty() : Optional.of(List.copyOf(apps)),
                rack.managementChassis().isPresent());
    }

    /** Empty when the name ("A/3" or "A") exists; else what is wrong, naming what does exist. */
    Optional<String> problemWith(String name) {
        int slash = name.indexOf('/');
        String chassis = slash < 0 ? name : name.substring(0, slash);
        Integer count = slots.get(chassis);
        if (count == null) {
            return Optional.of("no chassis named '" + chassis + "' in this rack; its chassis are: "
                    + String.join(", ", slots.keySet()));
        }
        if (slash >= 0) {
            int slot = Integer.parseInt(name.substring(slash + 1));
            if (slot >= count) {
                return Optional.of("no slot " + name + " in this rack; chassis " + chassis + " has slots 0.."
                        + (count - 1));
            }
        }
        return Optional.empty();
    }
}
