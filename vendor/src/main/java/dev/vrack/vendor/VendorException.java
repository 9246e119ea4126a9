package dev.vrack.vendor;

import java.io.IOException;

/** A software-provider operation was refused; the message names the file, the reason and the fix. */
public final class VendorException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user. */
    public VendorException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and its cause. */
    public VendorException(String message, Throwable cause) {
        super(message, cause);
    }
}
