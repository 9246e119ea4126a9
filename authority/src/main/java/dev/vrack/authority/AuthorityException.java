package dev.vrack.authority;

/**
 * A refusal of the authority: what was wrong ({@link #error()}) and how to fix it ({@link #hint()}).
 * Messages name IDs and files, never a key.
 */
public final class AuthorityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the authority refused; the HTTP service maps it to a status code. */
    public enum Reason {
        /** The request itself is wrong (bad count, bad ID, chassis not covered...): 400. */
        INVALID,
        /** An application or hardware key that the authority does not know: 404. */
        UNKNOWN,
        /** It exists already (an application ID registered twice, an initialized folder): 409. */
        CONFLICT,
        /** The folder, its key or its database cannot be used (wrong passphrase, locked, too new): 500. */
        STORAGE
    }

    private final Reason reason;
    private final String error;
    private final String hint;

    public AuthorityException(Reason reason, String error, String hint) {
        this(reason, error, hint, null);
    }

    public AuthorityException(Reason reason, String error, String hint, Throwable cause) {
        super(error + (hint == null || hint.isEmpty() ? "" : "\n  hint: " + hint), cause);
        this.reason = reason;
        this.error = error;
        this.hint = hint == null ? "" : hint;
    }

    public Reason reason() {
        return reason;
    }

    /** What was wrong. */
    public String error() {
        return error;
    }

    /** How to fix it (may be empty). */
    public String hint() {
        return hint;
    }
}
