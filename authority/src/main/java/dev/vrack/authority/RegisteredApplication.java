package dev.vrack.authority;

import java.time.Instant;

/**
 * One record of database 560 without its secret: an application registered for license issuance.
 *
 * @param encryptionKeyId the ID of the application's encryption (public) key, as in its VRAPPK file
 */
public record RegisteredApplication(String applicationId, String provider, String billAddressee,
        String encryptionKeyId, Instant registeredAt) {
}
