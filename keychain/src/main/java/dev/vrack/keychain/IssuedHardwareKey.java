package dev.vrack.keychain;

/** What the authority keeps when it issues a hardware key (FIG. 14, one record of database 550). */
public record IssuedHardwareKey(String keyId, String chassisId, KeySpecificKey keySpecificKey) {

    /** The public part. */
    public HardwareKeyInfo info() {
        return new HardwareKeyInfo(keyId, chassisId);
    }

    @Override
    public String toString() {
        return "IssuedHardwareKey[keyId=" + keyId + ", chassisId=" + chassisId + "]";
    }
}
