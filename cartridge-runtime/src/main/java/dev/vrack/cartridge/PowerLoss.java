package dev.vrack.cartridge;

/**
 * What happens when the slot loses power: the backplane connection closed without the cartridge
 * asking, or the chassis could not be reached at all.
 */
@FunctionalInterface
public interface PowerLoss {

    void powerLost(String reason);

    /** The process implementation: a power cut, no shutdown hooks, no goodbye on any network. */
    PowerLoss HALT_PROCESS = reason -> {
        System.err.println("power lost: " + reason);
        System.err.flush();
        Runtime.getRuntime().halt(137);
    };
}
