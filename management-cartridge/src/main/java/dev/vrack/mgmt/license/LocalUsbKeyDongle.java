package dev.vrack.mgmt.license;

import dev.vrack.license.AcquiredLicense;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.keychain.UsbKeyDevice;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.UsbKeyInfo;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link Dongle} over keychain's emulated USB key in the manager's own process, answering on one thread as the
 * chassis's USB port does, without the backplane hop: for the manager's tests and the load harness, which measure
 * the manager, not the backplane. In a rack the manager uses {@link BackplaneDongle}.
 */
public final class LocalUsbKeyDongle implements Dongle, AutoCloseable {

    private final String chassisId;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "usb-key-dongle");
        t.setDaemon(true);
        return t;
    });
    private volatile UsbKeyDevice device;

    /** @param chassisId the chassis the port belongs to (its ID memory) */
    public LocalUsbKeyDongle(String chassisId) {
        this.chassisId = chassisId;
    }

    /** Puts a key in the port. */
    public void attach(UsbKeyDevice inserted) {
        device = inserted;
    }

    /** Takes the key out (and closes it). */
    public void detach() {
        UsbKeyDevice removed = device;
        device = null;
        if (removed != null) {
            removed.close();
        }
    }

    @Override
    public CompletableFuture<UsbKeyInfo> readKey() {
        return CompletableFuture.supplyAsync(() -> {
            UsbKeyDevice current = device;
            return current == null ? UsbKeyInfo.newBuilder().setAttached(false).build()
                    : UsbKeyInfo.newBuilder().setAttached(true).setKeyId(current.keyId())
                    .setChassisId(current.chassisId()).build();
        }, thread);
    }

    @Override
    public CompletableFuture<AcquiredLicense> open(byte[] license, String name) {
        return CompletableFuture.supplyAsync(() -> {
            OpenedLicense opened = openOrRefuse(license, name);
            return new AcquiredLicense(opened.licenseId(), opened.applicationId(), opened.licenseCount(),
                    new HashSet<>(opened.chassisIds()), opened.terms().notBefore().toEpochMilli(),
                    opened.terms().notAfter().toEpochMilli());
        }, thread);
    }

    @Override
    public CompletableFuture<byte[]> wrapKey(byte[] license, byte[] agentPublicKey) {
        return CompletableFuture.supplyAsync(() -> {
            OpenedLicense opened = openOrRefuse(license, "license");
            try {
                ApplicationDecryptionKey key = device.unwrapApplicationKey(opened);
                try {
                    return AgentKeyPair.wrap(key, agentPublicKey);
                } finally {
                    key.destroy();
                }
            } catch (SealedFormatException e) {
                throw new DongleException(ErrorCode.LICENSE_REFUSED, e.getMessage());
            }
        }, thread);
    }

    private OpenedLicense openOrRefuse(byte[] license, String name) {
        UsbKeyDevice current = device;
        if (current == null) {
            throw new DongleException(ErrorCode.NO_MEDIUM, "no hardware key in the USB port");
        }
        try {
            return current.openLicense(license, name, chassisId, Instant.now());
        } catch (SealedFormatException e) {
            throw new DongleException(ErrorCode.LICENSE_REFUSED, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        detach();
    }
}
