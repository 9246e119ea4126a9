package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.List;

/**
 * A seat the manager still counts at the end whose holder stopped recently enough that the manager may still
 * reclaim it by lease expiry: not a leak, but worth saying.
 *
 * @param app          the application
 * @param holder       the slot the seat was granted to, e.g. {@code A/3}
 * @param lease        the lease id
 * @param holderEnded  when the holder stopped needing the seat
 * @param graceMs      ttl of the lease plus the margin: how long the manager has to reclaim it
 * @param remainingMs  how much of that grace was left at the last event of the history
 * @param events       the grant and the holder's end
 */
public record PendingReclaim(String app, String holder, String lease, Moment holderEnded, long graceMs,
                             long remainingMs, List<Event> events) {

    public PendingReclaim {
        events = List.copyOf(events);
    }
}
