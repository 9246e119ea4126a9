package dev.vrack.cartridge;

/** A cartridge command line or start-up input that cannot be used; the message says what to fix. */
public final class CartridgeArgsException extends Exception {

    public CartridgeArgsException(String message) {
        super(message);
    }
}
