package dev.vrack.chassis;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the public part of a hardware key image; the key-chain module supplies the real reader. */
@FunctionalInterface
public interface UsbKeyReader {

    /** Reads {@code image}, or throws with a message saying what is wrong with the file. */
    UsbKeyInfo read(Path image) throws IOException;
}
