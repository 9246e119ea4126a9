package dev.vrack.chassis;

import java.nio.file.Path;

/**
 * The public part of a hardware key image: never the key-specific secret.
 *
 * @param keyId     the key's ID, empty when the reader cannot tell
 * @param chassisId the chassis the key was issued for, empty when the reader cannot tell
 * @param file      the image file
 */
public record UsbKeyInfo(String keyId, String chassisId, Path file) {
}
