package dev.vrack.license;

/** Why a seat came back to the manager. */
public enum ReclaimReason {
    /** The agent reported the application's end (FIG. 33, 38). */
    RELEASED,
    /** The holder's session closed from its side: its process is gone. */
    HOLDER_GONE,
    /** The holder went silent; its lease ran out plus the safety margin. */
    LEASE_EXPIRED,
    /** An administrator freed it (the holder is told to suspend first). */
    ADMIN
}
