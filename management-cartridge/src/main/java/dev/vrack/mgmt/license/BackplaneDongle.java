package dev.vrack.mgmt.license;

import com.google.protobuf.ByteString;
import dev.vrack.cartridge.BackplaneClient;
import dev.vrack.license.AcquiredLicense;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.LicenseOpened;
import dev.vrack.proto.backplane.OpenLicense;
import dev.vrack.proto.backplane.ReadUsbKey;
import dev.vrack.proto.backplane.UsbKeyInfo;
import dev.vrack.proto.backplane.WrapApplicationKey;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;

/** The dongle in the chassis's USB port, asked over the management cartridge's backplane connection. */
public final class BackplaneDongle implements Dongle {

    private final BackplaneClient backplane;

    public BackplaneDongle(BackplaneClient backplane) {
        this.backplane = backplane;
    }

    @Override
    public CompletableFuture<UsbKeyInfo> readKey() {
        return backplane.request(CartridgeFrame.newBuilder().setReadUsbKey(ReadUsbKey.getDefaultInstance()))
                .thenApply(answer -> expect(answer, ChassisFrame.BodyCase.USB_KEY, "ReadUsbKey").getUsbKey());
    }

    @Override
    public CompletableFuture<AcquiredLicense> open(byte[] license, String name) {
        return backplane.request(CartridgeFrame.newBuilder().setOpenLicense(OpenLicense.newBuilder()
                        .setLicense(ByteString.copyFrom(license)).setName(name)))
                .thenApply(answer -> acquired(expect(answer, ChassisFrame.BodyCase.LICENSE_OPENED, "OpenLicense")
                        .getLicenseOpened()));
    }

    @Override
    public CompletableFuture<byte[]> wrapKey(byte[] license, byte[] agentPublicKey) {
        return backplane.request(CartridgeFrame.newBuilder().setWrapApplicationKey(WrapApplicationKey.newBuilder()
                        .setLicense(ByteString.copyFrom(license)).setAgentPublicKey(ByteString.copyFrom(agentPublicKey))))
                .thenApply(answer -> expect(answer, ChassisFrame.BodyCase.WRAPPED_KEY, "WrapApplicationKey")
                        .getWrappedKey().getWrapped().toByteArray());
    }

    static AcquiredLicense acquired(LicenseOpened opened) {
        return new AcquiredLicense(opened.getLicenseId(), opened.getAppId(), opened.getCount(),
                new HashSet<>(opened.getChassisIdsList()), opened.getNotBeforeEpochMs(), opened.getNotAfterEpochMs());
    }

    private static ChassisFrame expect(ChassisFrame answer, ChassisFrame.BodyCase expected, String what) {
        if (answer.getBodyCase() == expected) {
            return answer;
        }
        if (answer.hasError()) {
            throw new DongleException(answer.getError().getCode(), answer.getError().getMessage());
        }
        throw new DongleException(dev.vrack.proto.backplane.ErrorCode.BAD_REQUEST, "the chassis answered " + what
                + " with " + answer.getBodyCase() + " instead of " + expected);
    }
}
