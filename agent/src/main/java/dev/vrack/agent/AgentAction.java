package dev.vrack.agent;

/** What the agent core asks its environment to do: talk to the manager, drive the application. */
public sealed interface AgentAction {

    /** Send a request for determination as to execution (application ID and chassis ID). */
    record RequestExecution(String appId, String chassisId) implements AgentAction {
    }

    /** Send a request for determination as to continued execution of a lease. */
    record RenewLease(long leaseId) implements AgentAction {
    }

    /** Report the application's end (FIG. 33 step S122). */
    record ReleaseLease(long leaseId) implements AgentAction {
    }

    /** Decrypt the application in memory (FIG. 32) and start it (step S106-S107). */
    record StartApplication() implements AgentAction {
    }

    /**
     * Suspend the application at once (step S135), saying why; {@code leaseId} is the lease it ran under (the core
     * may already have dropped it, e.g. to request anew in the same step); {@code permittedUntilMs} is when the
     * core stopped permitting it, on the core's clock: earlier than now when the process woke late (frozen).
     */
    record SuspendApplication(String reason, long leaseId, long permittedUntilMs) implements AgentAction {
    }

    /** Tell whoever asked to start the application that it may not run now (step S104). */
    record NotPermitted(String reason) implements AgentAction {
    }
}
