package dev.vrack.license;

/** The answer to a request for execution or for continued execution. */
public sealed interface Determination {

    /** Permitted: the seat and its lease. */
    record Granted(Lease lease) implements Determination {
    }

    /** Every seat is taken; the request waits in line and will be granted when a seat frees. */
    record Queued(int position) implements Determination {
    }

    /** Not permitted, and why. */
    record Denied(Denial reason, String detail) implements Determination {
    }
}
