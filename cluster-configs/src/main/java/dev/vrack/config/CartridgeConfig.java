package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One cartridge seated in a slot of a chassis, as the rack file declares it.
 *
 * @param slot    the slot number, 0 to the chassis's slot count - 1
 * @param kind    management or app
 * @param card    an application id to provision a card for, or a path to a card image ending in {@code .card}
 *                (relative paths are relative to the rack file's folder); always present for app cartridges
 * @param address a fixed LAN address the DHCP server reserves for this slot's circuit ID, if any
 */
public record CartridgeConfig(int slot, CartridgeKind kind, Optional<String> card, Optional<Ipv4Address> address) {

    public CartridgeConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(address, "address");
    }

    /** True when {@link #card()} names a card image file rather than an application to provision. */
    public boolean cardIsImage() {
        return card.map(c -> c.endsWith(".card")).orElse(false);
    }
}
