package dev.vrack.checker;

import dev.vrack.common.Event;

/** Reads the details the checker needs from an event, refusing anything missing or of the wrong kind. */
final class EventDetails {

    private EventDetails() {
    }

    /** A non-blank text detail. */
    static String text(Event event, String key) throws MalformedEventException {
        Object value = event.details().get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw missing(event, key, "a non-empty text", value);
        }
        return s;
    }

    /** A lease id: non-blank text or a whole number, as text. */
    static String lease(Event event, String key) throws MalformedEventException {
        Object value = event.details().get(key);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value instanceof Number n && isWhole(n)) {
            return Long.toString(n.longValue());
        }
        throw missing(event, key, "a lease id (text or whole number)", value);
    }

    /** A whole number of at least 0. */
    static long count(Event event, String key) throws MalformedEventException {
        Object value = event.details().get(key);
        if (value instanceof Number n && isWhole(n) && n.longValue() >= 0) {
            return n.longValue();
        }
        throw missing(event, key, "a whole number of 0 or more", value);
    }

    /** A boolean. */
    static boolean flag(Event event, String key) throws MalformedEventException {
        Object value = event.details().get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        throw missing(event, key, "true or false", value);
    }

    /** A slot name {@code chassis/slot} held in a detail, e.g. the holder of a seat. */
    static SlotName slot(Event event, String key) throws MalformedEventException {
        String text = text(event, key);
        SlotName slot = SlotName.parse(text);
        if (slot == null) {
            throw new MalformedEventException(describe(event) + ": detail \"" + key + "\" must name a slot as"
                    + " CHASSIS/SLOT (e.g. A/3), got \"" + text + "\"");
        }
        return slot;
    }

    /** The event's own source as a slot: events about a slot or written by a cartridge must have one. */
    static SlotName sourceSlot(Event event) throws MalformedEventException {
        SlotName slot = SlotName.parse(event.source());
        if (slot == null) {
            throw new MalformedEventException(describe(event) + ": its source must be a slot CHASSIS/SLOT"
                    + " (e.g. A/3), got " + (event.source() == null ? "none" : "\"" + event.source() + "\""));
        }
        return slot;
    }

    /** How to name the event in a message: its type and source. */
    static String describe(Event event) {
        return (event.type() == null ? "an event without a type" : event.type())
                + (event.source() == null ? "" : " from " + event.source());
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || (n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue()));
    }

    private static MalformedEventException missing(Event event, String key, String expected, Object value) {
        String got = value == null ? "it is missing" : "got " + (value instanceof String ? "\"" + value + "\"" : value);
        return new MalformedEventException(describe(event) + ": detail \"" + key + "\" must be " + expected
                + ", but " + got + " (see the events tables in docs/ARCHITECTURE.md)");
    }
}
