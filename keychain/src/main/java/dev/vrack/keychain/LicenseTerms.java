package dev.vrack.keychain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an execution license grants (FIG. 16): the cooperating chassis, the application, the license count,
 * the validity period [notBefore, notAfter) and free-form conditions of use.
 */
public record LicenseTerms(List<String> chassisIds, String applicationId, int licenseCount, Instant notBefore,
        Instant notAfter, Map<String, String> conditions) {

    /** Validates and copies the terms. */
    public LicenseTerms {
        if (chassisIds == null || chassisIds.isEmpty()) {
            throw new IllegalArgumentException("license terms list no chassis ID: a license covers at least one chassis");
        }
        chassisIds = List.copyOf(chassisIds);
        chassisIds.forEach(id -> Identifiers.require("chassis ID", id));
        if (chassisIds.stream().distinct().count() != chassisIds.size()) {
            throw new IllegalArgumentException("license terms list a chassis ID twice: " + chassisIds);
        }
        Identifiers.require("application ID", applicationId);
        if (licenseCount < 1) {
            throw new IllegalArgumentException("license count is " + licenseCount + "; it must be at least 1");
        }
        if (notBefore == null || notAfter == null || !notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("validity period [" + notBefore + ", " + notAfter + ") is empty: notAfter must be later than notBefore");
        }
        conditions = Map.copyOf(conditions == null ? Map.of() : conditions);
    }
}
