package dev.vrack.chassis;

import com.google.protobuf.ByteString;
import dev.vrack.chassis.backplane.Admission;
import dev.vrack.chassis.backplane.BackplaneRefusal;
import dev.vrack.chassis.backplane.BackplaneServices;
import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.StateLayout;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.IdMemoryContent;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.backplane.ReportState;
import dev.vrack.proto.backplane.Welcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the chassis answers on its slots' connectors: welcome, ID memory, USB key, reports. */
final class ChassisBackplane implements BackplaneServices {

    private final String rack;
    private final String chassis;
    private final List<Slot> slots;
    private final IoBus ioBus;
    private final IdMemory idMemory;
    private final UsbPort usb;
    private final Hub hub;
    private final EventLog events;

    ChassisBackplane(String rack, String chassis, List<Slot> slots, IoBus ioBus, IdMemory idMemory, UsbPort usb,
                     Hub hub, EventLog events) {
        this.rack = rack;
        this.chassis = chassis;
        this.slots = slots;
        this.ioBus = ioBus;
        this.idMemory = idMemory;
        this.usb = usb;
        this.hub = hub;
        this.events = events;
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
                .setLink(hub.isUp(slot) ? LinkState.UP : LinkState.DOWN)
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
        try {
            ioBus.requireWired(slot);
        } catch (NoSuchDeviceException e) {
            events.emitFrom(StateLayout.slotSource(chassis, slot), "usb.refused", Map.of("reason", e.getMessage()));
            throw new BackplaneRefusal(ErrorCode.NO_SUCH_DEVICE, e.getMessage());
        }
        return usb.key().map(key -> dev.vrack.proto.backplane.UsbKeyInfo.newBuilder().setAttached(true)
                        .setKeyId(key.keyId()).setChassisId(key.chassisId()).build())
                .orElse(dev.vrack.proto.backplane.UsbKeyInfo.newBuilder().setAttached(false).build());
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
