package dev.vrack.chassis.backplane;

import dev.vrack.proto.backplane.ErrorCode;

/** A backplane request the chassis refuses; becomes a BackplaneError frame with this code and message. */
public final class BackplaneRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public BackplaneRefusal(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
