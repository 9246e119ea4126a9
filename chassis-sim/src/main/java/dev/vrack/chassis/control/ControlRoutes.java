package dev.vrack.chassis.control;

/** Answers authenticated control requests; the HTTP transport knows nothing of what they mean. */
@FunctionalInterface
public interface ControlRoutes {

    /** Never throws: every failure is an error response. */
    ControlResponse handle(ControlRequest request);
}
