package dev.vrack.chassis;

/** Told when a slot's link goes up or down, so the cartridge in it can hear about it. */
@FunctionalInterface
public interface LinkListener {

    void linkChanged(int slot, boolean up);
}
