package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every optional field gets the default the architecture document promises. */
class DefaultsTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void minimalRackGetsEveryDefault() throws Exception {
        RackConfig rack = Racks.parse(Racks.VALID);

        DhcpSettings dhcp = rack.dhcp();
        assertThat(dhcp.server()).isEqualTo(ip("127.42.0.1"));
        assertThat(dhcp.poolStart()).isEqualTo(ip("127.42.0.10"));
        assertThat(dhcp.poolEnd()).isEqualTo(ip("127.42.0.200"));
        assertThat(dhcp.leaseSeconds()).isEqualTo(600);
        assertThat(dhcp.serverPort()).isEqualTo(OptionalInt.empty());
        assertThat(dhcp.clientPort()).isEqualTo(OptionalInt.empty());
        ChassisConfig a = rack.chassis().get(0);
        assertThat(a.ioBus()).containsExactly(0);
        assertThat(a.hubAddress()).isEqualTo(ip("127.42.0.254"));
        assertThat(a.usbKey()).isEmpty();
        assertThat(a.cartridge(0).orElseThrow().card()).isEmpty();
        assertThat(a.cartridge(1).orElseThrow().address()).isEmpty();
        assertThat(a.cartridge(5)).isEmpty();
        assertThat(rack.chassis("B")).isEmpty();
    }

    @Test
    void explicitValuesWinOverDefaults() throws Exception {
        RackConfig rack = Racks.parse("""
                name: lab-2
                subnet: 127.50.0.0/24
                dhcp:
                  server: 127.50.0.5
                  pool: {start: 127.50.0.100, end: 127.50.0.150}
                  leaseSeconds: 30
                  serverPort: 1067
                  clientPort: 1068
                chassis:
                  - name: Left
                    chassisId: LEFT.1
                    slots: 4
                    ioBus: [2, 0]
                    hubAddress: 127.50.0.250
                    usbKey: keys/left.hwkey
                    cartridges:
                      - {slot: 2, kind: management, card: mgmt.card}
                      - {slot: 3, kind: app, card: images/www.card, address: 127.50.0.21}
                """);

        assertThat(rack.dhcp().server()).isEqualTo(ip("127.50.0.5"));
        assertThat(rack.dhcp().poolStart()).isEqualTo(ip("127.50.0.100"));
        assertThat(rack.dhcp().poolEnd()).isEqualTo(ip("127.50.0.150"));
        assertThat(rack.dhcp().leaseSeconds()).isEqualTo(30);
        assertThat(rack.dhcp().serverPort()).hasValue(1067);
        assertThat(rack.dhcp().clientPort()).hasValue(1068);
        ChassisConfig left = rack.chassis("Left").orElseThrow();
        assertThat(left.ioBus()).containsExactly(0, 2);
        assertThat(left.isIoBus(2)).isTrue();
        assertThat(left.isIoBus(1)).isFalse();
        assertThat(left.usbKey()).contains("keys/left.hwkey");
        CartridgeConfig app = left.cartridge(3).orElseThrow();
        assertThat(app.cardIsImage()).isTrue();
        assertThat(app.address()).contains(ip("127.50.0.21"));
        assertThat(rack.managementCartridge().orElseThrow().slot()).isEqualTo(2);
        assertThat(rack.reservedAddresses()).containsExactly(ip("127.50.0.5"), ip("127.50.0.21"), ip("127.50.0.250"));
    }

    @Test
    void slash16SubnetWorksWithDefaultsScaledToIt() throws Exception {
        RackConfig rack = Racks.parse(Racks.VALID.replace("127.42.0.0/24", "127.99.0.0/16") + """
                  - name: B
                    chassisId: CHASSIS-B-0001
                    slots: 64
                    cartridges:
                      - {slot: 63, kind: app, card: www, address: 127.99.7.7}
                """);

        assertThat(rack.subnet().prefixLength()).isEqualTo(16);
        assertThat(rack.dhcp().server()).isEqualTo(ip("127.99.0.1"));
        assertThat(rack.dhcp().poolStart()).isEqualTo(ip("127.99.0.10"));
        assertThat(rack.dhcp().poolEnd()).isEqualTo(ip("127.99.255.200"));
        assertThat(rack.chassis("A").orElseThrow().hubAddress()).isEqualTo(ip("127.99.255.254"));
        assertThat(rack.chassis("B").orElseThrow().hubAddress()).isEqualTo(ip("127.99.255.253"));
        // A fixed address inside the pool is allowed: the server reserves it for that slot.
        assertThat(rack.dhcp().inPool(ip("127.99.7.7"))).isTrue();
    }

    @Test
    void smallSubnetClipsThePoolBetweenServerAndHubs() throws Exception {
        RackConfig rack = Racks.parse(Racks.VALID.replace("127.42.0.0/24", "127.42.0.0/28"));

        // Hosts .1-.14: server .1, hub .14, so the pool is everything between.
        assertThat(rack.dhcp().poolStart()).isEqualTo(ip("127.42.0.2"));
        assertThat(rack.dhcp().poolEnd()).isEqualTo(ip("127.42.0.13"));
        assertThat(rack.chassis().get(0).hubAddress()).isEqualTo(ip("127.42.0.14"));
    }

    @Test
    void cartridgeKindHasWireNames() {
        assertThat(CartridgeKind.parse("management")).isEqualTo(CartridgeKind.MANAGEMENT);
        assertThat(CartridgeKind.APP.wireName()).isEqualTo("app");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CartridgeKind.parse("mgmt"))
                .hasMessageContaining("'mgmt'").hasMessageContaining("management, app");
    }

    @Test
    void recordsAreImmutable() throws Exception {
        RackConfig rack = Racks.parse(Racks.VALID);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rack.chassis().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rack.chassis().get(0).ioBus().add(3))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rack.chassis().get(0).cartridges().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
