package dev.vrack.chassis.backplane;

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
import dev.vrack.proto.backplane.UsbKeyInfo;

/** What the chassis offers on a slot's connector; the backplane handler calls it, one slot at a time. */
public interface BackplaneServices {

    /** Checks a Hello (the version was already checked) and admits the connection, or refuses it. */
    Admission admit(int slot, Hello hello) throws BackplaneRefusal;

    IdMemoryContent readIdMemory(int slot) throws BackplaneRefusal;

    UsbKeyInfo readUsbKey(int slot) throws BackplaneRefusal;

    void reportAddress(int slot, long generation, ReportAddress report) throws BackplaneRefusal;

    void reportState(int slot, long generation, ReportState report) throws BackplaneRefusal;

    /** I/O-bus slots only: the dongle verifies and opens an execution license. */
    LicenseOpened openLicense(int slot, OpenLicense request) throws BackplaneRefusal;

    /** I/O-bus slots only: the dongle wraps a license's application key for an agent's public key. */
    WrappedApplicationKey wrapApplicationKey(int slot, WrapApplicationKey request) throws BackplaneRefusal;

    /** Any slot: the LAN address of a slot of this chassis. */
    SlotLocation locateSlot(int slot, LocateSlot request) throws BackplaneRefusal;
}
