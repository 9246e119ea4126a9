package dev.vrack.checker;

/** An event lacks a detail the checker needs; becomes a {@link Invariant#MALFORMED_EVENT} violation. */
final class MalformedEventException extends Exception {

    MalformedEventException(String message) {
        super(message, null, false, false);
    }
}
