package dev.vrack.cartridge;

import dev.vrack.proto.backplane.ErrorCode;

/** The backplane could not do what was asked: no connection, no answer, or a refusal from the chassis. */
public final class BackplaneException extends Exception {

    private final ErrorCode code;

    public BackplaneException(String message) {
        this(message, ErrorCode.ERROR_CODE_UNSPECIFIED, null);
    }

    public BackplaneException(String message, ErrorCode code) {
        this(message, code, null);
    }

    public BackplaneException(String message, Throwable cause) {
        this(message, ErrorCode.ERROR_CODE_UNSPECIFIED, cause);
    }

    private BackplaneException(String message, ErrorCode code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The chassis's error code, or ERROR_CODE_UNSPECIFIED when the failure was local. */
    public ErrorCode code() {
        return code;
    }
}
