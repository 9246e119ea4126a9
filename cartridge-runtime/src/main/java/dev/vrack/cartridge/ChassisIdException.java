package dev.vrack.cartridge;

/** The chassis ID could not be learned; the message says what was tried and what to check. */
public final class ChassisIdException extends Exception {

    public ChassisIdException(String message) {
        super(message);
    }

    public ChassisIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
