package dev.vrack.keychain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A verified, decrypted execution license (FIG. 16). The application decryption key inside stays encrypted
 * under the key-specific key; only {@link UsbKeyDevice#unwrapApplicationKey} reveals it.
 */
public final class OpenedLicense {

    private final String licenseId;
    private final String keyId;
    private final LicenseTerms terms;
    private final Instant issuedAt;
    private final byte[] applicationKeyNonce;
    private final byte[] encryptedApplicationKey;

    OpenedLicense(String licenseId, String keyId, LicenseTerms terms, Instant issuedAt, byte[] applicationKeyNonce,
            byte[] encryptedApplicationKey) {
        this.licenseId = licenseId;
        this.keyId = keyId;
        this.terms = terms;
        this.issuedAt = issuedAt;
        this.applicationKeyNonce = applicationKeyNonce.clone();
        this.encryptedApplicationKey = encryptedApplicationKey.clone();
    }

    /** The license's unique ID. */
    public String licenseId() {
        return licenseId;
    }

    /** The hardware key whose key-specific key encrypts this license. */
    public String keyId() {
        return keyId;
    }

    /** What the license grants. */
    public LicenseTerms terms() {
        return terms;
    }

    /** The application the license permits. */
    public String applicationId() {
        return terms.applicationId();
    }

    /** How many cartridges may run the application at once. */
    public int licenseCount() {
        return terms.licenseCount();
    }

    /** The cooperating chassis. */
    public List<String> chassisIds() {
        return terms.chassisIds();
    }

    /** Conditions of use. */
    public Map<String, String> conditions() {
        return terms.conditions();
    }

    /** When the authority issued it. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** True if the license lists the chassis (FIG. 36: the requesting chassis must be listed). */
    public boolean covers(String chassisId) {
        return terms.chassisIds().contains(chassisId);
    }

    /** True if now is inside [notBefore, notAfter). */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(terms.notBefore()) && now.isBefore(terms.notAfter());
    }

    byte[] applicationKeyNonce() {
        return applicationKeyNonce.clone();
    }

    byte[] encryptedApplicationKey() {
        return encryptedApplicationKey.clone();
    }

    @Override
    public String toString() {
        return "OpenedLicense[" + licenseId + ", application " + terms.applicationId() + ", count " + terms.licenseCount()
                + ", chassis " + terms.chassisIds() + ", key " + keyId + ", valid " + terms.notBefore() + " to " + terms.notAfter() + "]";
    }
}
