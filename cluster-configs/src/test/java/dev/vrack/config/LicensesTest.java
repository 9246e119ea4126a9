package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The licenses block: defaults, and names that must exist. */
class LicensesTest {

    private static final String RACK = """
            name: lic
            subnet: 127.60.0.0/24
            chassis:
              - name: A
                chassisId: CH-A
                slots: 4
                cartridges:
                  - {slot: 0, kind: management}
                  - {slot: 1, kind: app, card: www}
              - name: B
                chassisId: CH-B
                slots: 4
            """;

    @Test
    void aLicenseListsEveryChassisAndLastsAYearUnlessTold() throws Exception {
        RackConfig config = RackConfigLoader.parse(RACK + """
                licenses:
                  - {app: www, count: 2}
                  - {app: primes, count: 1, chassis: [B], days: 30}
                """, null);
        assertThat(config.licenses()).containsExactly(
                new LicenseConfig("www", 2, List.of("A", "B"), 365),
                new LicenseConfig("primes", 1, List.of("B"), 30));
    }

    @Test
    void aRackWithoutLicensesHasNone() throws Exception {
        assertThat(RackConfigLoader.parse(RACK, null).licenses()).isEmpty();
    }

    @Test
    void anUnknownChassisOrABadCountIsRefusedWithItsLine() {
        assertThatThrownBy(() -> RackConfigLoader.parse(RACK + """
                licenses:
                  - {app: www, count: 2, chassis: [A, Z]}
                """, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":14: licenses[0].chassis[1]: no chassis named 'Z'");
        assertThatThrownBy(() -> RackConfigLoader.parse(RACK + """
                licenses:
                  - {app: www, count: 0}
                """, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("licenses[0].count");
    }
}
