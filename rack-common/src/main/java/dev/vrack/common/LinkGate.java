package dev.vrack.common;

/**
 * Whether a slot's network link carries traffic right now. Every LAN socket of a cartridge asks
 * its gate before sending and drops what it receives while the gate is closed, as a cut cable would.
 */
@FunctionalInterface
public interface LinkGate {

    boolean allowsTraffic();

    /** A gate for code running outside any slot (tests, the command line). */
    LinkGate ALWAYS_UP = () -> true;
}
