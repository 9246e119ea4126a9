package dev.vrack.dhcp;

/**
 * Counters of a running DHCP server.
 *
 * @param received         datagrams that arrived (including the ones dropped)
 * @param answered         replies sent
 * @param droppedMalformed datagrams that were not valid DHCP
 * @param droppedLinkDown  datagrams dropped, or replies not sent, because the link was down
 * @param poolExhausted    DISCOVERs left unanswered because no address was free
 * @param ignored          valid requests deliberately left unanswered (another server chosen, not ours, ...)
 */
public record DhcpServerStats(long received, long answered, long droppedMalformed, long droppedLinkDown,
                              long poolExhausted, long ignored) {
}
