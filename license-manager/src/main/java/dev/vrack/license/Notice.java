package dev.vrack.license;

/** Something the manager's environment must act on: tell an agent, write an event. */
public sealed interface Notice {

    /** A seat went to a request that was waiting in line; tell that waiter. */
    record SeatGranted(Lease lease, Object ticket) implements Notice {
    }

    /** A waiting request can no longer be granted (for example its chassis left the license); tell that waiter. */
    record WaitDenied(ExecutionRequest request, Determination.Denied denial) implements Notice {
    }

    /** A seat came back. */
    record SeatReclaimed(Lease lease, ReclaimReason reason) implements Notice {
    }
}
