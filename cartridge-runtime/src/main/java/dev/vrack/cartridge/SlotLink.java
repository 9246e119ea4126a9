package dev.vrack.cartridge;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkConditionWire;
import dev.vrack.common.LinkGate;
import dev.vrack.proto.backplane.LinkImpairment;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.Welcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The slot's network link as the chassis hub sees it: learned from the Welcome, then from
 * LinkStateChanged pushes. Down until the Welcome says otherwise, like a cable not yet plugged.
 * Listeners hear about the carrier only: a blackhole or an impairment keeps the cable in, so nothing
 * on the cartridge learns of it from the link.
 */
public final class SlotLink implements LinkGate, BackplaneListener {

    /** Told when the carrier goes up or down (never for a repeat of the current carrier). */
    @FunctionalInterface
    public interface Listener {
        void linkChanged(boolean up);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile LinkCondition condition = LinkCondition.DOWN;
    private volatile long seed;

    @Override
    public boolean allowsTraffic() {
        return condition.passes();
    }

    @Override
    public LinkCondition condition() {
        return condition;
    }

    @Override
    public boolean carrier() {
        return condition.carrier();
    }

    @Override
    public long seed() {
        return seed;
    }

    /** The carrier is up (an up or blackholed link). */
    public boolean isUp() {
        return condition.carrier();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void welcomed(Welcome welcome) {
        // Stable per slot, so the draws of a replayed run are the same.
        seed = ((long) (welcome.getRack() + "/" + welcome.getChassis()).hashCode() << 32) ^ welcome.getSlot();
        set(LinkConditionWire.read(welcome.getLink(), welcome.getLinkImpairment()));
    }

    @Override
    public void linkStateChanged(LinkStateChanged change) {
        set(LinkConditionWire.read(change.getLink(), change.getImpairment()));
    }

    /** Applies a carrier state with no impairment; anything but UP (including unknown values) counts as down. */
    public void set(LinkState state) {
        set(LinkConditionWire.read(state, LinkImpairment.getDefaultInstance()));
    }

    /** Applies a condition from the chassis; listeners hear only of a carrier change. */
    public void set(LinkCondition next) {
        boolean carrierChanged;
        synchronized (this) {
            carrierChanged = next.carrier() != condition.carrier();
            condition = next;
        }
        if (!carrierChanged) {
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.linkChanged(next.carrier());
            } catch (RuntimeException e) {
                System.err.println("slot link: a listener failed: " + e);
            }
        }
    }
}
