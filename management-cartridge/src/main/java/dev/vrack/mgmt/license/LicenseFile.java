package dev.vrack.mgmt.license;

import dev.vrack.license.AcquiredLicense;

/**
 * A license file of the NAS the dongle opened: its name, its sealed bytes (kept to have the dongle wrap
 * the application key on each grant; the key itself never leaves the dongle) and what it grants.
 */
public record LicenseFile(String name, byte[] sealed, AcquiredLicense license) {
}
