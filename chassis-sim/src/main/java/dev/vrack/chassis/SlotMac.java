package dev.vrack.chassis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hardware address of a slot's network port: stable across restarts (derived from rack,
 * chassis and slot) and locally administered, so it never looks like a vendor's real address.
 */
public final class SlotMac {

    private SlotMac() {
    }

    /** Six bytes: 0x02, four bytes of a hash of rack and chassis, the slot number. */
    public static byte[] of(String rack, String chassis, int slot) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((rack + "\u0000" + chassis).getBytes(StandardCharsets.UTF_8));
            return new byte[] {0x02, hash[0], hash[1], hash[2], hash[3], (byte) slot};
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** {@code 02:ab:cd:ef:01:03}. */
    public static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }
}
