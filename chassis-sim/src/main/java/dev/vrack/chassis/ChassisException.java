package dev.vrack.chassis;

/**
 * A request the chassis refuses, with what was wrong and how to fix it. The control API turns the
 * reason into an HTTP status; the message and hint go to the user unchanged.
 */
public class ChassisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        BAD_REQUEST, NOT_FOUND, CONFLICT, INTERNAL
    }

    private final Reason reason;
    private final String hint;

    public ChassisException(Reason reason, String message, String hint) {
        super(message);
        this.reason = reason;
        this.hint = hint == null ? "" : hint;
    }

    public Reason reason() {
        return reason;
    }

    public String hint() {
        return hint;
    }
}
