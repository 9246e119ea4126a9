package dev.vrack.mgmt.license;

import dev.vrack.proto.backplane.ErrorCode;

/** The dongle (or the way to it) refused an operation; the code says which way, the message why. */
public final class DongleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public DongleException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public DongleException(String message, Throwable cause) {
        super(message, cause);
        this.code = ErrorCode.ERROR_CODE_UNSPECIFIED;
    }

    /** NO_MEDIUM (no key in the port), LICENSE_REFUSED, NO_SUCH_DEVICE, ... or UNSPECIFIED for transport failures. */
    public ErrorCode code() {
        return code;
    }

    /** The reason of a failed future, unwrapped from the CompletionException around it. */
    static DongleException of(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DongleException dongle) {
            return dongle;
        }
        return new DongleException("the dongle could not be asked: " + cause.getMessage(), cause);
    }
}
