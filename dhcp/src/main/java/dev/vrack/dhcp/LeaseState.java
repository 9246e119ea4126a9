package dev.vrack.dhcp;

/** Where an address stands on the server. */
public enum LeaseState {
    /** Offered to a client, held briefly for its REQUEST; never written to the lease file. */
    OFFERED,
    /** Acknowledged: the client may use the address until the lease expires. */
    BOUND,
    /** Given back by the client; free, but remembered so the client gets it again. */
    RELEASED,
    /** A client reported the address in use by someone else; kept out of the pool for a while. */
    DECLINED
}
