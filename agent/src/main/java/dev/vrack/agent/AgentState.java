package dev.vrack.agent;

/** Where the license management agent stands with its application's right to run. */
public enum AgentState {
    /** Not started yet. */
    IDLE,
    /** A request for determination is on its way (FIG. 31 step S101-S102). */
    REQUESTING,
    /** Every seat is taken; the request waits in the manager's line. */
    WAITING,
    /** Execution was refused; the agent retries after a fixed time (step S105). */
    DENIED,
    /** Permitted: the application runs and the lease is renewed (FIG. 34). */
    RUNNING,
    /** The right was lost or could not be confirmed: the application is suspended (step S134-S135). */
    SUSPENDED,
    /** The application ended and its seat was released (FIG. 33). */
    STOPPED
}
