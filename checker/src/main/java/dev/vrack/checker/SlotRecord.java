package dev.vrack.checker;

import dev.vrack.common.Event;

/** What the checker knows of one slot: the instance running in it, and when the last one (or its process) ended. */
final class SlotRecord {

    /** The running instance, or null. */
    Instance current;
    /** The last event that ended an instance or the slot's process, or null. */
    Event lastEnd;
}
