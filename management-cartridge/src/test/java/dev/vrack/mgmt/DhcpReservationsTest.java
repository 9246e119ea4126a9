package dev.vrack.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.CartridgeKind;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.DhcpSettings;
import dev.vrack.config.RackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DhcpReservationsTest {

    private static ChassisConfig chassis(String name, String hub, CartridgeConfig... cartridges) {
        return new ChassisConfig(name, "ID-" + name, 8, new TreeSet<>(List.of(0)), Ipv4Address.parse(hub),
                Optional.empty(), List.of(cartridges));
    }

    private static CartridgeConfig app(int slot, String address) {
        return new CartridgeConfig(slot, CartridgeKind.APP, Optional.of("www"),
                Optional.ofNullable(address).map(Ipv4Address::parse));
    }

    @Test
    void keysEveryFixedAddressByItsCircuit() {
        RackConfig rack = new RackConfig("demo", Subnet.parse("127.42.0.0/24"),
                new DhcpSettings(Ipv4Address.parse("127.42.0.1"), Ipv4Address.parse("127.42.0.10"),
                        Ipv4Address.parse("127.42.0.200"), 600, OptionalInt.empty(), OptionalInt.empty()),
                List.of(chassis("A", "127.42.0.254", new CartridgeConfig(0, CartridgeKind.MANAGEMENT, Optional.empty(),
                                Optional.empty()), app(3, "127.42.0.30"), app(4, null)),
                        chassis("B", "127.42.0.253", app(1, "127.42.0.31"))),
                Path.of("rack.yml"));

        assertThat(DhcpReservations.of(rack)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "A/3", Ipv4Address.parse("127.42.0.30"),
                "B/1", Ipv4Address.parse("127.42.0.31")));
    }
}
