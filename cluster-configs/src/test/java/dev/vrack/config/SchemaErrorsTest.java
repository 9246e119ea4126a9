package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The second stage: the JSON Schema, with each error mapped to its YAML line and explained in plain words. */
class SchemaErrorsTest {

    @Test
    void wrongTypeNamesFieldLineAndTheExpectedRange() {
        Racks.refused(Racks.VALID.replace("slots: 8", "slots: eight"))
                .hasMessage("demo.yml:6: chassis[0].slots: expected an integer from 1 to 64, got \"eight\"");
    }

    @Test
    void outOfRangeNumberUsesTheSameWords() {
        Racks.refused(Racks.VALID.replace("slots: 8", "slots: 65"))
                .hasMessage("demo.yml:6: chassis[0].slots: expected an integer from 1 to 64, got 65");
    }

    @Test
    void unknownFieldIsRefusedListingTheKnownOnesAndTheLikelyTypo() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    iobus: [0]\n"))
                .hasMessage("demo.yml:7: chassis[0].iobus: unknown field \"iobus\" (did you mean \"ioBus\"?); "
                        + "the fields allowed here are name, chassisId, slots, ioBus, hubAddress, usbKey, cartridges");
    }

    @Test
    void unknownTopLevelFieldWithoutACloseMatchListsTheFields() {
        Racks.refused("colour: blue\n" + Racks.VALID)
                .hasMessage("demo.yml:1: colour: unknown field \"colour\"; the fields allowed here are "
                        + "name, subnet, dhcp, chassis, licenses");
    }

    @Test
    void missingRequiredFieldPointsAtItsParentAndSaysWhatToAdd() {
        Racks.refused(Racks.VALID.replace("    chassisId: CHASSIS-A-0001\n", ""))
                .hasMessage("demo.yml:4: chassis[0]: missing required field \"chassisId\", expected a chassis ID "
                        + "of 1 to 64 letters, digits, '.', '_' or '-' (like CHASSIS-A-0001)");
    }

    @Test
    void badEnumListsTheChoices() {
        Racks.refused(Racks.VALID.replace("kind: management", "kind: mgmt"))
                .hasMessage("demo.yml:9: chassis[0].cartridges[0].kind: expected one of management, app, "
                        + "got \"mgmt\"");
    }

    @Test
    void badPatternsUseTheSchemaDescription() {
        Racks.refused(Racks.VALID.replace("name: demo", "name: Demo Rack"))
                .hasMessage("demo.yml:1: name: expected a rack name of 1 to 32 lowercase letters, digits or '-', "
                        + "starting with a letter or digit (like demo), got \"Demo Rack\"");
        Racks.refused(Racks.VALID.replace("card: www", "card: WWW"))
                .hasMessageContaining("demo.yml:12: chassis[0].cartridges[1].card: expected a card: an application "
                        + "id");
    }

    @Test
    void badAddressAndSubnetTextAreExplained() {
        Racks.refused(Racks.VALID.replace("subnet: 127.42.0.0/24", "subnet: 127.42.0.0"))
                .hasMessage("demo.yml:2: subnet: expected a subnet in CIDR form inside 127.0.0.0/8 with a prefix "
                        + "from /8 to /30 (like 127.42.0.0/24), got \"127.42.0.0\"");
        Racks.refused(Racks.VALID.replace("        card: www\n", "        card: www\n        address: 127.42.0.300\n"))
                .hasMessage("demo.yml:13: chassis[0].cartridges[1].address: expected an IPv4 address in dotted "
                        + "form (like 127.42.0.10), got \"127.42.0.300\"");
    }

    @Test
    void emptyValueAndEmptyListAreNamedAsSuch() {
        Racks.refused(Racks.VALID.replace("slots: 8", "slots:"))
                .hasMessage("demo.yml:6: chassis[0].slots: expected an integer from 1 to 64, got an empty value");
        Racks.refused("name: demo\nsubnet: 127.42.0.0/24\nchassis: []\n")
                .hasMessageStartingWith("demo.yml:3: chassis: expected a list of 1 to 16 chassis")
                .hasMessageEndingWith("got an empty list");
    }

    @Test
    void duplicateIoBusSlotsAreRefused() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    ioBus: [0, 0]\n"))
                .hasMessageStartingWith("demo.yml:7: chassis[0].ioBus: expected a list of slot numbers")
                .hasMessageEndingWith("with no value listed twice, got [0, 0]");
    }

    @Test
    void everySchemaErrorIsReportedSortedByLine() {
        String message = Racks.refusal("""
                name: demo
                subnet: 127.42.0.0/24
                dhcp:
                  leaseSeconds: 5
                chassis:
                  - name: A
                    chassisId: CHASSIS-A-0001
                    slots: 8
                    cartridges:
                      - slot: 0
                        kind: management
                        colour: red
                  - name: 9B
                    slots: 0
                """);

        assertThat(message.lines()).containsExactly(
                "demo.yml has 5 problems:",
                "  demo.yml:4: dhcp.leaseSeconds: expected an integer from 10 to 86400, got 5",
                "  demo.yml:12: chassis[0].cartridges[0].colour: unknown field \"colour\"; the fields allowed here "
                        + "are slot, kind, card, address",
                "  demo.yml:13: chassis[1]: missing required field \"chassisId\", expected a chassis ID of 1 to 64 "
                        + "letters, digits, '.', '_' or '-' (like CHASSIS-A-0001)",
                "  demo.yml:13: chassis[1].name: expected a chassis name of 1 to 16 letters, digits, '_' or '-', "
                        + "starting with a letter (like A), got \"9B\"",
                "  demo.yml:14: chassis[1].slots: expected an integer from 1 to 64, got 0");
    }

    @Test
    void problemsAreAvailableOneByOneForPrograms() {
        try {
            Racks.parse(Racks.VALID.replace("slots: 8", "slots: eight"));
        } catch (ConfigException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("demo.yml");
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.field()).isEqualTo("chassis[0].slots");
            });
            return;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void textThatYamlReadAsANumberGetsTheQuoteHint() {
        Racks.refused(Racks.VALID.replace("chassisId: CHASSIS-A-0001", "chassisId: 0001"))
                .hasMessage("demo.yml:5: chassis[0].chassisId: expected a chassis ID of 1 to 64 letters, digits, "
                        + "'.', '_' or '-' (like CHASSIS-A-0001), got 1 (YAML read it as a number; put the value in "
                        + "quotes to keep it as text)");
        assertThat(Racks.VALID.replace("chassisId: CHASSIS-A-0001", "chassisId: \"0001\"")).satisfies(yaml -> {
            try {
                assertThat(Racks.parse(yaml).chassis().get(0).chassisId()).isEqualTo("0001");
            } catch (ConfigException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }
}
