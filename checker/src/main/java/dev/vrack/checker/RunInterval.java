package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.Objects;

/**
 * One instance of an application running in one slot, as the checker counts it: from its {@code app.started} to
 * the event that ended it, by the rules of {@link HistoryChecker}.
 *
 * @param slot    the slot, {@code A/3}
 * @param app     the application
 * @param started its {@code app.started}
 * @param ended   the event that ended it (a late suspension is already moved to its {@code permittedUntilMono}),
 *                or null when it still ran at the last event of the history
 */
public record RunInterval(String slot, String app, Event started, Event ended) {

    public RunInterval {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(started, "started");
    }

    /** When it started. */
    public long fromMono() {
        return started.mono();
    }

    /** True when it still ran at the last event of the history. */
    public boolean open() {
        return ended == null;
    }

    /** When it ended, or {@code Long.MAX_VALUE} when it still ran at the last event. */
    public long toMono() {
        return ended == null ? Long.MAX_VALUE : ended.mono();
    }

    /** Whether it ran at {@code mono}: started at or before, ended after. */
    public boolean runsAt(long mono) {
        return fromMono() <= mono && mono < toMono();
    }
}
