package dev.vrack.firstembodiment.api;

/** A function was asked for that the software license key does not allow, or that the program lacks. */
public final class FunctionNotAllowedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying which function and what is allowed. */
    public FunctionNotAllowedException(String message) {
        super(message);
    }
}
