package dev.vrack.dhcp;

/** A DHCP packet that cannot be decoded; the message says what was wrong with it. */
public final class MalformedPacketException extends Exception {

    public MalformedPacketException(String message) {
        super(message);
    }
}
