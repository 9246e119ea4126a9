package dev.vrack.keychain;

import java.io.IOException;

/** A sealed file (or its key material) was refused; the message names the file and the reason, never a key. */
public final class SealedFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message of the form "name: reason". */
    public SealedFormatException(String name, String reason) {
        super(name + ": " + reason);
    }

    /** Creates the exception with a message of the form "name: reason" and its cause. */
    public SealedFormatException(String name, String reason, Throwable cause) {
        super(name + ": " + reason, cause);
    }
}
