package dev.vrack.common;

import dev.vrack.proto.backplane.LinkImpairment;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;

/**
 * A {@link LinkCondition} on the backplane: the carrier in the old {@code link} field (UP for a blackhole),
 * everything else in {@code LinkImpairment}, so a reader that knows only the carrier still reads it right.
 */
public final class LinkConditionWire {

    private LinkConditionWire() {
    }

    public static LinkState carrier(LinkCondition condition) {
        return condition.carrier() ? LinkState.UP : LinkState.DOWN;
    }

    public static LinkImpairment impairment(LinkCondition condition) {
        return LinkImpairment.newBuilder()
                .setBlackhole(condition.state() == LinkCondition.State.BLACKHOLE)
                .setDelayMs((int) condition.delayMs())
                .setJitterMs((int) condition.jitterMs())
                .setLossPercent(condition.lossPercent())
                .build();
    }

    public static LinkStateChanged change(LinkCondition condition) {
        return LinkStateChanged.newBuilder().setLink(carrier(condition)).setImpairment(impairment(condition)).build();
    }

    /**
     * Reads a condition; anything but UP (including unknown values) is down, and out-of-range impairments
     * (which no chassis sends) are clipped rather than refused: a link must always have a state.
     */
    public static LinkCondition read(LinkState carrier, LinkImpairment impairment) {
        if (carrier != LinkState.UP) {
            return LinkCondition.DOWN;
        }
        if (impairment.getBlackhole()) {
            return LinkCondition.BLACKHOLE;
        }
        long delay = Math.min(Integer.toUnsignedLong(impairment.getDelayMs()), LinkCondition.MAX_DELAY_MS);
        long jitter = Math.min(Integer.toUnsignedLong(impairment.getJitterMs()), LinkCondition.MAX_DELAY_MS);
        double loss = impairment.getLossPercent();
        loss = Double.isNaN(loss) ? 0 : Math.max(0, Math.min(100, loss));
        return LinkCondition.impaired(delay, jitter, loss);
    }
}
