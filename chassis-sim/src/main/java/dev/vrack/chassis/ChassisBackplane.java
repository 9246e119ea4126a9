package dev.vrack.chassis;

import com.google.protobuf.ByteString;
import dev.vrack.chassis.backplane.Admission;
import dev.vrack.chassis.backplane.BackplaneRefusal;
import dev.vrack.chassis.backplane.BackplaneServices;
import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.LinkConditionWire;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.IdMemoryContent;
import dev.vrack.proto.backplane.LicenseOpened;
import dev.vrack.proto.backplane.LocateSlot;
import dev.vrack.proto.backplane.OpenLicense;
import dev.vrack.proto.backplane.SlotLocation;
import dev.vrack.proto.backplane.WrapApplicationKey;
import dev.vrack.proto.backplane.WrappedApplicationKey;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.backplane.Welcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the chassis answers on its slots' connectors: welcome, ID memory, USB key and dongle, reports, slot locations. */
final class ChassisBackplane implements BackplaneServices {

    private final String rack;
    private final String chassis;
    private final List<Slot> slots;
    private final IoBus ioBus;
    private final IdMemory idMemory;
    private final UsbPort usb;
    private final Hub hub;
    private final EventLog events;
    private final TimeSource time;

    ChassisBackplane(String rack, String chassis, List<Slot> slots, IoBus ioBus, IdMemory idMemory, UsbPort usb,
                     Hub hub, EventLog events, TimeSource time) {
        this.rack = rack;
        this.chassis = chassis;
        this.slots = slots;
        this.ioBus = ioBus;
        this.idMemory = idMemory;
        this.usb = usb;
        this.hub = hub;
        this.events = events;
        this.time = time;
    }

    @Override
    public Admission admit(int slot, Hello hello) throws BackplaneRefusal {
        Slot s = slots.get(slot);
        long generation;
        try {
            generation = s.admit(hello.getNonce());
        } catch (IllegalArgumentException e) {
            throw new BackplaneRefusal(ErrorCode.BAD_NONCE, e.getMessage());
        }
        SlotSnapshot snapshot = s.snapshot();
        Welcome welcome = Welcome.newBuilder()
                .setRack(rack)
                .setChassis(chassis)
                .setSlot(slot)
                .setHubHost(hub.slotPortHost())
                .setHubPort(hub.slotPort(slot))
                .setLink(LinkConditionWire.carrier(hub.condition(slot)))
                .setLinkImpairment(LinkConditionWire.impairment(hub.condition(slot)))
                .setCardPath(snapshot.card().map(Path::toString).orElse(""))
                .setMac(ByteString.copyFrom(SlotMac.of(rack, chassis, slot)))
                .setIoBus(ioBus.isWired(slot))
                .build();
        return new Admission(generation, welcome);
    }

    @Override
    public IdMemoryContent readIdMemory(int slot) throws BackplaneRefusal {
        try {
            return IdMemoryContent.newBuilder().setChassisId(idMemory.read(slot)).build();
        } catch (NoSuchDeviceException e) {
            throw new BackplaneRefusal(ErrorCode.NO_SUCH_DEVICE, e.getMessage());
        }
    }

    @Override
    public dev.vrack.proto.backplane.UsbKeyInfo readUsbKey(int slot) throws BackplaneRefusal {
        requireUsbPort(slot);
        return usbKeyInfo(usb.key());
    }

    /** The wire form of what the USB port holds. */
    static dev.vrack.proto.backplane.UsbKeyInfo usbKeyInfo(Optional<UsbKeyInfo> key) {
        return key.map(k -> dev.vrack.proto.backplane.UsbKeyInfo.newBuilder().setAttached(true)
                        .setKeyId(k.keyId()).setChassisId(k.chassisId()).build())
                .orElse(dev.vrack.proto.backplane.UsbKeyInfo.newBuilder().setAttached(false).build());
    }

    @Override
    public LicenseOpened openLicense(int slot, OpenLicense request) throws BackplaneRefusal {
        requireUsbPort(slot);
        String name = request.getName().isBlank() ? "license" : request.getName();
        try {
            OpenedLicense opened = usb.openLicense(request.getLicense().toByteArray(), name, idMemory.chassisId(),
                    time.now());
            return LicenseOpened.newBuilder()
                    .setLicenseId(opened.licenseId())
                    .setKeyId(opened.keyId())
                    .setAppId(opened.applicationId())
                    .setCount(opened.licenseCount())
                    .addAllChassisIds(opened.chassisIds())
                    .setNotBeforeEpochMs(opened.terms().notBefore().toEpochMilli())
                    .setNotAfterEpochMs(opened.terms().notAfter().toEpochMilli())
                    .putAllConditions(opened.conditions())
                    .build();
        } catch (NoMediumException e) {
            throw new BackplaneRefusal(ErrorCode.NO_MEDIUM, e.getMessage());
        } catch (SealedFormatException e) {
            throw new BackplaneRefusal(ErrorCode.LICENSE_REFUSED, e.getMessage());
        }
    }

    @Override
    public WrappedApplicationKey wrapApplicationKey(int slot, WrapApplicationKey request) throws BackplaneRefusal {
        requireUsbPort(slot);
        try {
            byte[] wrapped = usb.wrapApplicationKey(request.getLicense().toByteArray(),
                    request.getAgentPublicKey().toByteArray(), idMemory.chassisId(), time.now());
            return WrappedApplicationKey.newBuilder().setWrapped(ByteString.copyFrom(wrapped)).build();
        } catch (NoMediumException e) {
            throw new BackplaneRefusal(ErrorCode.NO_MEDIUM, e.getMessage());
        } catch (SealedFormatException e) {
            throw new BackplaneRefusal(ErrorCode.LICENSE_REFUSED, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BackplaneRefusal(ErrorCode.BAD_REQUEST, "WrapApplicationKey: " + e.getMessage());
        }
    }

    @Override
    public SlotLocation locateSlot(int slot, LocateSlot request) throws BackplaneRefusal {
        int wanted = request.getSlot();
        if (wanted >= slots.size()) {
            throw new BackplaneRefusal(ErrorCode.NO_SUCH_SLOT, "chassis " + chassis + " has no slot " + wanted
                    + "; its slots are 0 to " + (slots.size() - 1));
        }
        return SlotLocation.newBuilder().setSlot(wanted)
                .setIp(slots.get(wanted).snapshot().ip().orElse("")).build();
    }

    /** The USB port (like the ID memory) hangs on the I/O bus; other slots are refused and it is recorded. */
    private void requireUsbPort(int slot) throws BackplaneRefusal {
        try {
            ioBus.requireWired(slot);
        } catch (NoSuchDeviceException e) {
            events.emitFrom(StateLayout.slotSource(chassis, slot), "usb.refused", Map.of("reason", e.getMessage()));
            throw new BackplaneRefusal(ErrorCode.NO_SUCH_DEVICE, e.getMessage());
        }
    }

    @Override
    public void reportAddress(int slot, long generation, ReportAddress report) throws BackplaneRefusal {
        Ipv4Address ip;
        try {
            ip = Ipv4Address.parse(report.getIp());
        } catch (IllegalArgumentException e) {
            throw new BackplaneRefusal(ErrorCode.BAD_REQUEST, "ReportAddress: " + e.getMessage());
        }
        if (!ip.isLoopback()) {
            throw new BackplaneRefusal(ErrorCode.BAD_REQUEST, "ReportAddress: " + ip
                    + " is outside 127.0.0.0/8; rack addresses are always loopback");
        }
        slots.get(slot).addressReported(generation, ip.toString());
    }

    @Override
    public void reportState(int slot, long generation, ReportState report) throws BackplaneRefusal {
        if (report.getDetailsCount() > 64) {
            throw new BackplaneRefusal(ErrorCode.BAD_REQUEST, "ReportState: " + report.getDetailsCount()
                    + " details; at most 64 are kept");
        }
        slots.get(slot).stateReported(generation, report.getState(), report.getDetailsMap());
    }
}
