package dev.vrack.appapi;

/** An application could not be loaded from its entries; the message says what is wrong and how to fix it. */
public final class ApplicationLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user. */
    public ApplicationLoadException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and its cause. */
    public ApplicationLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
