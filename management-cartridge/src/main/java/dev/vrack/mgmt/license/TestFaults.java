package dev.vrack.mgmt.license;

import dev.vrack.license.TestFault;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the test-only faults of the license manager from {@code VRACK_TEST_FAULTS} (comma-separated names,
 * e.g. {@code skip-count-check}); the rack's processes inherit it from {@code rack up}. Unset or blank means
 * none, which is every normal run. An unknown name is refused so a typo never passes for a broken manager.
 */
public final class TestFaults {

    /** The environment variable. */
    public static final String VARIABLE = "VRACK_TEST_FAULTS";

    private TestFaults() {
    }

    /** The faults named in the variable's value (null or blank: none). */
    public static Set<TestFault> parse(String value) {
        Set<TestFault> faults = EnumSet.noneOf(TestFault.class);
        if (value == null || value.isBlank()) {
            return faults;
        }
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            faults.add(TestFault.named(trimmed).orElseThrow(() -> new IllegalArgumentException(VARIABLE + " names "
                    + "an unknown test fault \"" + trimmed + "\"; known test faults: " + known()
                    + " (comma-separated); unset it for a normal manager")));
        }
        return faults;
    }

    private static String known() {
        return Arrays.stream(TestFault.values()).map(TestFault::wireName).collect(Collectors.joining(", "));
    }
}
