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

/** A {@link Dongle} over keychain's real emulated USB key, answering on its own thread as the chassis would. */
final class KeychainDongle implements Dongle, AutoCloseable {

    private final String chassisId;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-dongle");
        t.setDaemon(true);
        return t;
    });
    private volatile UsbKeyDevice device;

    /** @param chassisId the chassis the port belongs to (its ID memory) */
    KeychainDongle(String chassisId) {
        this.chassisId = chassisId;
    }

    void attach(UsbKeyDevice inserted) {
        device = inserted;
    }

    void detach() {
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
    }
}
