package dev.vrack.authority;

import java.time.Instant;

/** One record of database 580: a license issued, what billing totals. */
public record IssueRecord(Instant issuedAt, String applicationId, int licenseCount, String licenseId, String provider) {
}
