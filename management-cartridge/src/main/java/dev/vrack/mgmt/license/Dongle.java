package dev.vrack.mgmt.license;

import dev.vrack.license.AcquiredLicense;
import dev.vrack.proto.backplane.UsbKeyInfo;
import java.util.concurrent.CompletableFuture;

/**
 * The hardware key's operations as the license manager asks them: in the rack, of the dongle in the
 * chassis's USB port over the backplane. Every call is asynchronous so no caller ever blocks a network
 * thread; a refusal completes the future with a {@link DongleException}.
 */
public interface Dongle {

    /** The public information of the key in the port (attached, key ID, chassis ID). */
    CompletableFuture<UsbKeyInfo> readKey();

    /** Verifies and opens an execution license file (FIG. 35 S203-S206); {@code name} is for messages. */
    CompletableFuture<AcquiredLicense> open(byte[] license, String name);

    /** Wraps the license's application decryption key for an agent's X25519 public key (FIG. 36 S215). */
    CompletableFuture<byte[]> wrapKey(byte[] license, byte[] agentPublicKey);
}
