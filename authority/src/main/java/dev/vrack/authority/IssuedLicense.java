package dev.vrack.authority;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution license the authority issued (database 570), with its sealed file's bytes: encrypted under
 * the hardware key's key-specific key and signed, so the bytes are safe to hand to the software provider.
 */
public record IssuedLicense(String licenseId, String applicationId, int licenseCount, String keyId,
        List<String> chassisIds, Instant notBefore, Instant notAfter, Map<String, String> conditions,
        Instant issuedAt, byte[] file) {

    public IssuedLicense {
        chassisIds = List.copyOf(chassisIds);
        conditions = Map.copyOf(conditions);
        file = file.clone();
    }

    /** The license file's bytes (a copy). */
    @Override
    public byte[] file() {
        return file.clone();
    }

    @Override
    public String toString() {
        return "IssuedLicense[" + licenseId + ", application " + applicationId + ", count " + licenseCount + ", key "
                + keyId + ", chassis " + chassisIds + ", valid " + notBefore + " to " + notAfter + "]";
    }
}
