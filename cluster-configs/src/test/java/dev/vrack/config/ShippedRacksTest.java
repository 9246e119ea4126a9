package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The YAML racks shipped at the top of cluster-configs/ load and mean what their comments say. */
class ShippedRacksTest {

    // Surefire runs with the module folder as working directory, where the shipped racks live.
    private static final Path DEMO = Path.of("demo.yml");
    private static final Path TWO_CHASSIS = Path.of("two-chassis.yml");

    @Test
    void demoRackLoads() throws Exception {
        RackConfig rack = RackConfigLoader.load(DEMO);

        assertThat(rack.name()).isEqualTo("demo");
        assertThat(rack.subnet()).isEqualTo(Subnet.parse("127.42.0.0/24"));
        assertThat(rack.source()).isEqualTo(DEMO);
        assertThat(rack.chassis()).hasSize(1);
        ChassisConfig a = rack.chassis("A").orElseThrow();
        assertThat(a.slots()).isEqualTo(8);
        assertThat(a.usbKey()).contains("hwkey-A");
        assertThat(a.hubAddress()).isEqualTo(Ipv4Address.parse("127.42.0.254"));
        assertThat(a.cartridges()).extracting(CartridgeConfig::slot).containsExactly(0, 1, 2, 3);
        assertThat(a.cartridge(0).orElseThrow().kind()).isEqualTo(CartridgeKind.MANAGEMENT);
        for (int slot = 1; slot <= 3; slot++) {
            CartridgeConfig app = a.cartridge(slot).orElseThrow();
            assertThat(app.kind()).isEqualTo(CartridgeKind.APP);
            assertThat(app.card()).contains("www");
            assertThat(app.cardIsImage()).isFalse();
        }
        assertThat(rack.managementCartridge().orElseThrow().slot()).isZero();
        assertThat(rack.managementChassis().orElseThrow().name()).isEqualTo("A");
        assertThat(rack.dhcp().poolStart()).isEqualTo(Ipv4Address.parse("127.42.0.10"));
        assertThat(rack.dhcp().poolEnd()).isEqualTo(Ipv4Address.parse("127.42.0.200"));
        assertThat(rack.dhcp().serverPort()).isEmpty();
    }

    @Test
    void twoChassisRackFollowsFig28() throws Exception {
        RackConfig rack = RackConfigLoader.load(TWO_CHASSIS);

        assertThat(rack.name()).isEqualTo("two-chassis");
        assertThat(rack.subnet()).isEqualTo(Subnet.parse("127.43.0.0/24"));
        assertThat(rack.chassis()).extracting(ChassisConfig::name).containsExactly("A", "B");
        ChassisConfig a = rack.chassis("A").orElseThrow();
        ChassisConfig b = rack.chassis("B").orElseThrow();
        assertThat(a.chassisId()).isEqualTo("CHASSIS-A-0700");
        assertThat(b.chassisId()).isEqualTo("CHASSIS-B-0800");
        assertThat(a.usbKey()).isPresent();
        assertThat(b.usbKey()).isEmpty();
        assertThat(b.cartridge(0).orElseThrow().kind()).isEqualTo(CartridgeKind.APP);
        assertThat(b.isIoBus(0)).isTrue();
        assertThat(b.isIoBus(1)).isFalse();
        assertThat(rack.managementChassis().orElseThrow().name()).isEqualTo("A");
        // The hubs take the top of the subnet, one per chassis in file order.
        assertThat(a.hubAddress()).isEqualTo(Ipv4Address.parse("127.43.0.254"));
        assertThat(b.hubAddress()).isEqualTo(Ipv4Address.parse("127.43.0.253"));
        assertThat(rack.reservedAddresses()).containsExactly(Ipv4Address.parse("127.43.0.1"),
                Ipv4Address.parse("127.43.0.253"), Ipv4Address.parse("127.43.0.254"));
    }

    @Test
    void theRacksUseDifferentSubnetsSoTheyCanRunSideBySide() throws Exception {
        List<Subnet> subnets = List.of(RackConfigLoader.load(DEMO).subnet(),
                RackConfigLoader.load(TWO_CHASSIS).subnet());
        assertThat(subnets).doesNotHaveDuplicates();
    }
}
