package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;

/**
 * The default addresses of a rack's LAN (docs/ARCHITECTURE.md, "The LAN and DHCP"): the server at the first
 * host, the hubs at the top (last host, last host - 1, ...), the pool in between.
 */
final class DhcpDefaults {

    /** Offsets of the default pool in a /24: .10 to .200, leaving room for fixed addresses at both ends. */
    static final int POOL_START_OFFSET = 9;
    static final int POOL_END_OFFSET = 54;

    private DhcpDefaults() {
    }

    static Ipv4Address server(Subnet subnet) {
        return subnet.firstHost();
    }

    /** The i-th chassis's hub: last host - i. */
    static Ipv4Address hub(Subnet subnet, int chassisIndex) {
        return subnet.lastHost().plus(-chassisIndex);
    }

    /**
     * The default pool: first host + 9 to last host - 54. In subnets too small for that (below /25) it is
     * clipped to everything between the default server and the default hubs; it may come out empty (start
     * after end), which the checks report.
     */
    static Ipv4Address[] pool(Subnet subnet, int chassisCount) {
        long first = Integer.toUnsignedLong(subnet.firstHost().bits());
        long last = Integer.toUnsignedLong(subnet.lastHost().bits());
        long start = first + POOL_START_OFFSET;
        long end = last - POOL_END_OFFSET;
        if (end < start) {
            start = first + 1;
            end = last - chassisCount;
        }
        return new Ipv4Address[] {new Ipv4Address((int) start), new Ipv4Address((int) end)};
    }
}
