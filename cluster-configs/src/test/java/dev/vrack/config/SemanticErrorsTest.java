package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The third stage: what the schema cannot express, each error with its field, line and the way out. */
class SemanticErrorsTest {

    /** VALID with one more cartridge line block appended to chassis A's cartridges (from line 13). */
    private static String withCartridge(String block) {
        return Racks.VALID + block;
    }

    @Test
    void subnetOutsideLoopbackIsRefusedWithASuggestion() {
        Racks.refused(Racks.VALID.replace("127.42.0.0/24", "10.0.0.0/24"))
                .hasMessage("demo.yml:2: subnet: 10.0.0.0/24 is outside 127.0.0.0/8; the rack only ever uses "
                        + "loopback addresses (try 127.42.0.0/24)");
    }

    @Test
    void subnetWithHostBitsSuggestsTheNetwork() {
        Racks.refused(Racks.VALID.replace("127.42.0.0/24", "127.42.0.7/24"))
                .hasMessage("demo.yml:2: subnet: 127.42.0.7/24 has host bits set; did you mean 127.42.0.0/24?");
    }

    @Test
    void slotOutsideTheChassisNamesTheRange() {
        Racks.refused(withCartridge("      - {slot: 9, kind: app, card: www}\n"))
                .hasMessage("demo.yml:13: chassis[0].cartridges[2].slot: slot 9 does not exist; "
                        + "chassis A has slots 0..7");
    }

    @Test
    void slotUsedTwiceNamesTheFirstCartridge() {
        Racks.refused(withCartridge("      - {slot: 1, kind: app, card: www}\n"))
                .hasMessage("demo.yml:13: chassis[0].cartridges[2].slot: slot 1 of chassis A is already taken by "
                        + "cartridges[1] (line 10); a slot holds one cartridge, so pick a free slot");
    }

    @Test
    void ioBusSlotOutsideTheChassisIsRefused() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    ioBus: [0, 8]\n"))
                .hasMessage("demo.yml:7: chassis[0].ioBus[1]: slot 8 does not exist; chassis A has slots 0..7");
    }

    @Test
    void appCartridgeWithoutCardIsRefused() {
        Racks.refused(withCartridge("      - slot: 2\n        kind: app\n"))
                .hasMessage("demo.yml:13: chassis[0].cartridges[2]: the app cartridge in A/2 needs a card: "
                        + "add 'card: www' (an application id to provision) or 'card: path/to/image.card'");
    }

    @Test
    void secondManagementCartridgeIsRefused() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    ioBus: [0, 2]\n")
                        + "      - {slot: 2, kind: management}\n")
                .hasMessage("demo.yml:14: chassis[0].cartridges[2].kind: a second management cartridge; the rack "
                        + "already has one in A/0 (line 9) and runs exactly one DHCP server and license manager: "
                        + "make this one 'kind: app' (with a card) or remove it");
    }

    @Test
    void appCartridgesWithoutManagementAreRefused() {
        Racks.refused(Racks.VALID.replace("kind: management", "kind: app\n        card: www"))
                .hasMessage("demo.yml:3: chassis: the rack has app cartridges but no management cartridge, so "
                        + "nothing would give them addresses or licenses; add one in an I/O bus slot, e.g. "
                        + "'- {slot: 0, kind: management}' in the cartridges of chassis A");
    }

    @Test
    void aRackWithNoCartridgesAtAllIsFine() throws Exception {
        RackConfig empty = Racks.parse("name: empty\nsubnet: 127.42.0.0/24\nchassis:\n  - {name: A, chassisId: X, slots: 2}\n");
        assertThat(empty.managementCartridge()).isEmpty();
        assertThat(empty.managementChassis()).isEmpty();
    }

    @Test
    void managementCartridgeOutsideTheIoBusIsRefused() {
        Racks.refused(Racks.VALID.replace("- slot: 0\n        kind: management", "- slot: 3\n        kind: management"))
                .hasMessage("demo.yml:8: chassis[0].cartridges[0].slot: the management cartridge must sit in a slot "
                        + "wired to the I/O bus, because it reads the USB key; slot 3 of chassis A is not wired to "
                        + "the I/O bus (ioBus: [0]): move it to slot 0 or add 3 to ioBus");
    }

    @Test
    void duplicateChassisNamesAndIdsAreRefused() {
        String message = Racks.refusal(Racks.VALID + """
                  - name: a
                    chassisId: CHASSIS-A-0001
                    slots: 2
                """);
        assertThat(message.lines()).containsExactly(
                "demo.yml has 2 problems:",
                "  demo.yml:13: chassis[1].name: chassis name a is already used by chassis[0] (line 4) as A "
                        + "(names may not differ only in case); give every chassis its own name",
                "  demo.yml:14: chassis[1].chassisId: chassis ID CHASSIS-A-0001 is already the ID of chassis A "
                        + "(line 5); every chassis has its own ID in its ID memory, and licenses name chassis by it");
    }

    @Test
    void addressesOutsideTheSubnetAreRefused() {
        Racks.refused(Racks.VALID.replace("subnet: 127.42.0.0/24\n",
                        "subnet: 127.42.0.0/24\ndhcp:\n  server: 127.43.0.1\n"))
                .hasMessage("demo.yml:4: dhcp.server: 127.43.0.1 (the DHCP server's address (dhcp.server)) is "
                        + "outside the subnet 127.42.0.0/24; use an address from 127.42.0.1 to 127.42.0.254");
        Racks.refused(withCartridge("      - {slot: 2, kind: app, card: www, address: 127.42.0.255}\n"))
                .hasMessageContaining("demo.yml:13: chassis[0].cartridges[2].address: 127.42.0.255 (the fixed "
                        + "address of A/2) is the subnet's broadcast address, which no host may use");
    }

    @Test
    void poolBackwardsOrOutsideIsRefused() {
        String dhcp = "subnet: 127.42.0.0/24\ndhcp:\n  pool:\n    start: 127.42.0.200\n    end: 127.42.0.10\n";
        Racks.refused(Racks.VALID.replace("subnet: 127.42.0.0/24\n", dhcp))
                .hasMessage("demo.yml:4: dhcp.pool: start 127.42.0.200 comes after end 127.42.0.10; the pool runs "
                        + "from start up to end, so swap them");
        Racks.refused(Racks.VALID.replace("subnet: 127.42.0.0/24\n",
                        "subnet: 127.42.0.0/24\ndhcp:\n  pool: {start: 127.42.0.10, end: 127.42.1.10}\n"))
                .hasMessageStartingWith("demo.yml:4: dhcp.pool.end: 127.42.1.10 (the last address of the pool) is "
                        + "outside the subnet 127.42.0.0/24");
    }

    @Test
    void fixedAddressCollidingWithTheServerOrAnotherFixedAddressIsRefused() {
        Racks.refused(withCartridge("      - {slot: 2, kind: app, card: www, address: 127.42.0.1}\n"))
                .hasMessage("demo.yml:13: chassis[0].cartridges[2].address: 127.42.0.1 is the fixed address of A/2 "
                        + "and also the DHCP server's address (by default the first host); every address in the rack "
                        + "must be different, so pick another one");
        String message = Racks.refusal(withCartridge("""
                      - {slot: 2, kind: app, card: www, address: 127.42.0.21}
                      - {slot: 3, kind: app, card: www, address: 127.42.0.21}
                """));
        assertThat(message).isEqualTo("demo.yml:14: chassis[0].cartridges[3].address: 127.42.0.21 is the fixed "
                + "address of A/3 and also the fixed address of A/2 (line 13); every address in the rack must be "
                + "different, so pick another one");
    }

    @Test
    void hubAddressCollidingWithTheServerIsRefused() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    hubAddress: 127.42.0.1\n"))
                .hasMessageStartingWith("demo.yml:7: chassis[0].hubAddress: 127.42.0.1 is the hub address of chassis "
                        + "A and also the DHCP server's address");
    }

    @Test
    void serverInsideThePoolIsRefused() {
        Racks.refused(Racks.VALID.replace("subnet: 127.42.0.0/24\n",
                        "subnet: 127.42.0.0/24\ndhcp:\n  server: 127.42.0.50\n"))
                .hasMessage("demo.yml:4: dhcp.server: 127.42.0.50 (the DHCP server's address (dhcp.server)) lies "
                        + "inside the DHCP pool 127.42.0.10..127.42.0.200 (the default pool), so it could be leased to "
                        + "a cartridge; pick an address outside the pool or set dhcp.pool");
    }

    @Test
    void subnetTooSmallForAPoolIsRefused() {
        Racks.refused(Racks.VALID.replace("127.42.0.0/24", "127.42.0.0/30"))
                .hasMessageStartingWith("demo.yml:2: subnet: 127.42.0.0/30 is too small: no address is left for "
                        + "the DHCP pool");
    }

    @Test
    void semanticProblemsAreAllReportedSortedByLine() {
        String message = Racks.refusal(withCartridge("""
                      - {slot: 8, kind: app, card: www}
                      - {slot: 4, kind: app}
                """));
        assertThat(message.lines()).hasSize(3);
        assertThat(message.lines().skip(1)).satisfiesExactly(
                l -> assertThat(l).startsWith("  demo.yml:13: chassis[0].cartridges[2].slot: slot 8 does not exist"),
                l -> assertThat(l).startsWith("  demo.yml:14: chassis[0].cartridges[3]: the app cartridge in A/4"));
    }
}
