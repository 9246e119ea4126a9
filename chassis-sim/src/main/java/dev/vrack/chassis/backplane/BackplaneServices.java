package dev.vrack.chassis.backplane;

import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.IdMemoryContent;
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
}
