package dev.vrack.license;

/**
 * A request for determination as to execution (FIG. 31 step S101): the application and the chassis ID
 * the agent affixed. {@code queueIfBusy} puts it in line when no seat is free; {@code ticket} is the
 * environment's handle to answer the waiter later (for example its connection and request ID).
 */
public record ExecutionRequest(Holder holder, String appId, String chassisId, boolean queueIfBusy, Object ticket) {
}
