package dev.vrack.keychain;

/** Checks on the clear-text identifiers (chassis IDs, application IDs...) that go into sealed files. */
final class Identifiers {

    static final int MAX_LENGTH = 128;

    private Identifiers() {
    }

    /** Non-blank, at most 128 characters, no control characters; returns the value. */
    static String require(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: give a non-blank " + what);
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters; at most " + MAX_LENGTH);
        }
        if (value.chars().anyMatch(Character::isISOControl) || !value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " '" + value.strip()
                    + "' contains control characters or surrounding spaces");
        }
        return value;
    }
}
