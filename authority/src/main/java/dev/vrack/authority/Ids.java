package dev.vrack.authority;

import dev.vrack.authority.AuthorityException.Reason;

/** Checks on the identifiers and texts the authority records and seals into files. */
final class Ids {

    static final int MAX_ID = 128;

    private Ids() {
    }

    /** Non-blank, at most 128 characters, no control characters or surrounding spaces; returns the value. */
    static String require(String what, String value, String option) {
        if (value == null || value.isBlank()) {
            throw new AuthorityException(Reason.INVALID, what + " is empty", "give a non-blank " + what + " (" + option + ")");
        }
        if (value.length() > MAX_ID) {
            throw new AuthorityException(Reason.INVALID, what + " is " + value.length() + " characters long; at most "
                    + MAX_ID, "use a shorter " + what);
        }
        if (value.chars().anyMatch(Character::isISOControl) || !value.equals(value.strip())) {
            throw new AuthorityException(Reason.INVALID, what + " '" + printable(value)
                    + "' contains control characters or surrounding spaces", "use letters, digits, '-', '_' or '.'");
        }
        return value;
    }

    /** Free text (a bill addressee, a condition value): non-blank, bounded, line breaks allowed, no other controls. */
    static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new AuthorityException(Reason.INVALID, what + " is empty", "give a non-blank " + what);
        }
        if (value.length() > max) {
            throw new AuthorityException(Reason.INVALID, what + " is " + value.length() + " characters long; at most " + max,
                    "shorten the " + what);
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new AuthorityException(Reason.INVALID, what + " contains control characters",
                    "use plain text; line breaks are allowed");
        }
        return value.strip();
    }

    private static String printable(String value) {
        String shown = value.strip().replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }
}
