package dev.vrack.cartridge;

import java.time.Duration;

/** What one kind of cartridge runs between power-on and a graceful stop (the card's system programs). */
public interface CartridgeProgram {

    /** The kind, as in the rack definition: {@code management} or {@code app}. */
    String kind();

    /**
     * Starts the kind's services. Returns once they run; failures thrown here end the cartridge with
     * {@code cartridge.failed} and exit code 1, after {@link #stop} has been called to undo what started.
     */
    void boot(CartridgeContext context) throws Exception;

    /** Stops gracefully within {@code deadline}: say goodbye on the LAN, close sockets. Safe after a failed boot. */
    void stop(CartridgeContext context, Duration deadline) throws Exception;

    /**
     * The slot lost power while this program ran in-process: drop sockets without any goodbye. A cartridge
     * process never gets here (it halts), so the default does nothing.
     */
    default void powerCut(CartridgeContext context) {
    }
}
