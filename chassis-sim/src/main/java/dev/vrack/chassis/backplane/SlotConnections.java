package dev.vrack.chassis.backplane;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The one live (welcomed) backplane connection of each slot, if any. */
final class SlotConnections {

    private final AtomicReferenceArray<Channel> live;

    SlotConnections(int slotCount) {
        this.live = new AtomicReferenceArray<>(slotCount);
    }

    Channel get(int slot) {
        return live.get(slot);
    }

    /** Registers {@code channel} as the slot's connection; false when another one is live. */
    boolean register(int slot, Channel channel) {
        Channel current = live.get(slot);
        if (current != null && !current.isActive()) {
            // Its close event may still be queued on another event loop; a dead channel holds nothing.
            live.compareAndSet(slot, current, null);
        }
        return live.compareAndSet(slot, null, channel);
    }

    void unregister(int slot, Channel channel) {
        live.compareAndSet(slot, channel, null);
    }

    int slotCount() {
        return live.length();
    }
}
