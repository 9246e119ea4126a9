package dev.vrack.checker;

import dev.vrack.common.Event;

/**
 * A seat the manager granted and, until a {@code license.reclaimed} for its lease, still counts.
 *
 * @param lease   the lease id
 * @param app     the application
 * @param holder  the slot it was granted to
 * @param manager the source of the manager that granted it (its seats die with its process)
 * @param ttlMs   the lease's time to live
 * @param granted the {@code license.granted} event
 */
record Grant(String lease, String app, SlotName holder, String manager, long ttlMs, Event granted) {
}
