package dev.vrack.chassis;

import dev.vrack.common.LinkCondition;

/** Told when a slot's link condition changes, so the cartridge in it can hear about it. */
@FunctionalInterface
public interface LinkListener {

    void linkChanged(int slot, LinkCondition condition);
}
