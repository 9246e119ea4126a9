package dev.vrack.chassis;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which slots are wired to the chassis's I/O bus (the ID memory and the USB port). Only those slots
 * can read the devices; the others are refused, as on the real board where the lines do not exist.
 */
public final class IoBus {

    private final String chassis;
    private final SortedSet<Integer> wired;

    public IoBus(String chassis, SortedSet<Integer> wiredSlots) {
        this.chassis = chassis;
        this.wired = Collections.unmodifiableSortedSet(new TreeSet<>(wiredSlots));
    }

    public boolean isWired(int slot) {
        return wired.contains(slot);
    }

    public SortedSet<Integer> wiredSlots() {
        return wired;
    }

    /** Throws {@link NoSuchDeviceException} unless {@code slot} is wired to the bus. */
    public void requireWired(int slot) {
        if (!isWired(slot)) {
            throw new NoSuchDeviceException("no such device on this slot's bus: slot " + slot + " of chassis " + chassis
                    + " is not wired to the I/O bus (wired: "
                    + wired.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
    }
}
