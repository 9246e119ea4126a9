package dev.vrack.firstembodiment;

import java.nio.charset.StandardCharsets;

/**
 * A processing device's identification, fixedly recorded in its read-only memory (seed 000, 4b / 311).
 *
 * <p><b>Not a secret.</b> It is printed on labels, read by any program on the device and sent in software
 * requests. A software license key is encrypted under a key derived from it, so anyone who knows the ID and
 * holds the license key can decrypt the program key: this binds a copy to a device against casual copying, not
 * against an attacker who reads the ID. The second embodiment's hardware key (the dongle) keeps a secret.
 */
public record DeviceId(String value) {

    static final int MAX_LENGTH = 128;

    /** Checks the ID: 1 to 128 printable characters, no surrounding spaces. */
    public DeviceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("device ID is empty: give the device's identification, e.g. DEV-0001");
        }
        if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl) || !value.equals(value.strip())) {
            throw new IllegalArgumentException("device ID '" + value.strip() + "' must be 1 to " + MAX_LENGTH
                    + " printable characters without surrounding spaces");
        }
    }

    byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return value;
    }
}
