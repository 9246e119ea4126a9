package dev.vrack.chassis;

/** A dongle operation was asked of an empty USB port; the backplane answers NO_MEDIUM. */
public final class NoMediumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoMediumException(String message) {
        super(message);
    }
}
