package dev.vrack.chassis;

import dev.vrack.keychain.UsbKeyDevice;
import java.io.IOException;
import java.nio.file.Path;

/** Plugs a hardware key image into the emulated dongle; the key-chain module supplies the real one. */
@FunctionalInterface
public interface UsbKeyInserter {

    /** Opens {@code image} as a live dongle, or throws with a message saying what is wrong with the file. */
    UsbKeyDevice insert(Path image) throws IOException;
}
