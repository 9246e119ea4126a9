package dev.vrack.cartridge;

import dev.vrack.proto.backplane.ClockStep;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.StopRequest;
import dev.vrack.proto.backplane.UsbKeyChanged;
import dev.vrack.proto.backplane.Welcome;

/**
 * Receives what the chassis says on its own initiative. Calls arrive on the backplane's I/O thread in
 * the order the frames arrived, so the Welcome is always seen before any push that follows it.
 */
public interface BackplaneListener {

    default void welcomed(Welcome welcome) {
    }

    default void linkStateChanged(LinkStateChanged change) {
    }

    default void stopRequested(StopRequest stop) {
    }

    /** The chassis steps this cartridge's wall clock. */
    default void clockStepped(ClockStep step) {
    }

    /** The key in the chassis's USB port changed (pushed to I/O-bus slots only). */
    default void usbKeyChanged(UsbKeyChanged change) {
    }
}
