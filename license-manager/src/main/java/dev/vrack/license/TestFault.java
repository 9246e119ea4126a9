package dev.vrack.license;

import java.util.Arrays;
import java.util.Optional;

/**
 * Deliberate defects a test may switch on to show that the rack's verdicts can fail (issue 5: "a deliberately
 * broken manager"). Never on in a normal run: only the management cartridge's wiring sets them, from the
 * {@code VRACK_TEST_FAULTS} environment variable, and it says so loudly at boot.
 */
public enum TestFault {

    /** The execution determination grants even when every seat is taken: the safety rule is broken on purpose. */
    SKIP_COUNT_CHECK("skip-count-check");

    private final String wireName;

    TestFault(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code VRACK_TEST_FAULTS} and in the {@code manager.test-fault} event. */
    public String wireName() {
        return wireName;
    }

    /** The fault of that name, if there is one. */
    public static Optional<TestFault> named(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
