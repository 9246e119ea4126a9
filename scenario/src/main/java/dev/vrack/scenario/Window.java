package dev.vrack.scenario;

/** When an expectation must hold. */
public sealed interface Window {

    /** The condition must become true at some instant within {@code withinMs} after {@code from}. */
    record Eventually(Anchor from, long withinMs) implements Window {
    }

    /** The condition must be true at every instant from {@code from} to {@code to}. */
    record Always(Anchor from, Anchor to) implements Window {
    }
}
