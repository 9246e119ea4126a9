package dev.vrack.chassis;

import java.util.Optional;

/** Told when the key in the USB port changes (attach, detach, swap): the new content of the port. */
@FunctionalInterface
public interface UsbKeyListener {

    void changed(Optional<UsbKeyInfo> key);
}
