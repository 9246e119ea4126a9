package dev.vrack.firstembodiment;

import dev.vrack.keychain.ApplicationDecryptionKey;

/** A software license key opened by its device: the conditions of use and the program's decryption key. */
public final class OpenedLicenseKey implements AutoCloseable {

    private final String licenseKeyId;
    private final DeviceId device;
    private final UsageConditions conditions;
    private final ApplicationDecryptionKey programKey;

    OpenedLicenseKey(String licenseKeyId, DeviceId device, UsageConditions conditions, ApplicationDecryptionKey programKey) {
        this.licenseKeyId = licenseKeyId;
        this.device = device;
        this.conditions = conditions;
        this.programKey = programKey;
    }

    /** The license key's ID (the execution counter is kept per ID). */
    public String licenseKeyId() {
        return licenseKeyId;
    }

    /** The program the key is for. */
    public String programId() {
        return programKey.applicationId();
    }

    /** The device it was opened by. */
    public DeviceId device() {
        return device;
    }

    /** The conditions of use it carries. */
    public UsageConditions conditions() {
        return conditions;
    }

    ApplicationDecryptionKey programKey() {
        return programKey;
    }

    /** Overwrites the program key in memory. */
    @Override
    public void close() {
        programKey.destroy();
    }

    @Override
    public String toString() {
        return "OpenedLicenseKey[" + licenseKeyId + ", program " + programId() + ", device " + device + ", " + conditions + "]";
    }
}
