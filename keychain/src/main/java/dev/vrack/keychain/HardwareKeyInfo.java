package dev.vrack.keychain;

/** The public part of a hardware key (FIG. 13, 52a and 52b): what the chassis's USB port may show. */
public record HardwareKeyInfo(String keyId, String chassisId) {
}
