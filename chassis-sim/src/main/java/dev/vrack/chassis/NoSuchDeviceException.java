package dev.vrack.chassis;

/** A slot asked for a device (ID memory, USB port) that is not on its bus; the backplane answers NO_SUCH_DEVICE. */
public final class NoSuchDeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchDeviceException(String message) {
        super(message);
    }
}
