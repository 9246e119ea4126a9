package dev.vrack.bench;

import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.keychain.UsbKeyDevice;
import dev.vrack.license.AcquiredLicense;
import dev.vrack.mgmt.license.Dongle;
import dev.vrack.mgmt.license.DongleException;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.UsbKeyInfo;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The manager's {@link Dongle} over keychain's real emulated USB key, in the harness's process: one thread, like
 * the chassis's USB port, but without the backplane hop (the harness measures the manager, not the backplane).
 */
final class InProcessDongle implements Dongle, AutoCloseable {

    private final String chassisId;
    private final UsbKeyDevice device;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "harness-dongle");
        t.setDaemon(true);
        return t;
    });

    InProcessDongle(String chassisId, UsbKeyDevice device) {
        this.chassisId = chassisId;
        this.device = device;
    }

    @Override
    public CompletableFuture<UsbKeyInfo> readKey() {
        return CompletableFuture.supplyAsync(() -> UsbKeyInfo.newBuilder().setAttached(true).setKeyId(device.keyId())
                .setChassisId(device.chassisId()).build(), thread);
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
        try {
            return device.openLicense(license, name, chassisId, Instant.now());
        } catch (SealedFormatException e) {
            throw new DongleException(ErrorCode.LICENSE_REFUSED, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        device.close();
    }
}
