package dev.vrack.authority;

import java.time.Instant;

/** One record of database 550 without its secret: a hardware key issued for a chassis. */
public record HardwareKeyRecord(String keyId, String chassisId, Instant issuedAt) {
}
