package dev.vrack.cartridge;

import dev.vrack.common.LinkGate;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.Welcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The slot's network link as the chassis hub sees it: learned from the Welcome, then from
 * LinkStateChanged pushes. Down until the Welcome says otherwise, like a cable not yet plugged.
 */
public final class SlotLink implements LinkGate, BackplaneListener {

    /** Told when the link goes up or down (never for a repeat of the current state). */
    @FunctionalInterface
    public interface Listener {
        void linkChanged(boolean up);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean up;

    @Override
    public boolean allowsTraffic() {
        return up;
    }

    public boolean isUp() {
        return up;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void welcomed(Welcome welcome) {
        set(welcome.getLink());
    }

    @Override
    public void linkStateChanged(LinkStateChanged change) {
        set(change.getLink());
    }

    /** Applies a link state from the chassis; anything but UP (including unknown values) counts as down. */
    public void set(LinkState state) {
        boolean nowUp = state == LinkState.UP;
        synchronized (this) {
            if (nowUp == up) {
                return;
            }
            up = nowUp;
        }
        for (Listener listener : listeners) {
            try {
                listener.linkChanged(nowUp);
            } catch (RuntimeException e) {
                System.err.println("slot link: a listener failed: " + e);
            }
        }
    }
}
