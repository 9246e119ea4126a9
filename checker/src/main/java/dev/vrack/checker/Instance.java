package dev.vrack.checker;

import dev.vrack.common.Event;

/** One running instance of an application in a slot, from its {@code app.started} on. */
final class Instance {

    /** Marks an instance that started within the count. */
    static final int ADMITTED = -1;

    final SlotName slot;
    final String app;
    final Event started;
    /** The over-grant epoch of its application in which it started over the count, or {@link #ADMITTED}. */
    int overEpoch = ADMITTED;

    Instance(SlotName slot, String app, Event started) {
        this.slot = slot;
        this.app = app;
        this.started = started;
    }
}
