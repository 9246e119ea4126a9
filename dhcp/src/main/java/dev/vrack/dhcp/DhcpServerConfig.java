package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a DHCP server needs to know. Checked on construction; every refusal says which field
 * is wrong and how to fix it.
 *
 * @param bindAddress  address the server socket binds (normally the server's own LAN address)
 * @param serverPort   UDP port of servers and relay agents (67, or 1067 unprivileged; 0 picks a free one)
 * @param clientPort   UDP port clients listen on (68, or 1068)
 * @param reservations fixed addresses by option-82 circuit ID, e.g. {@code "A/3" -> 127.42.0.30}
 * @param leaseFile    where leases are kept; null keeps them in memory only
 * @param serverId     option 54, the server identifier (normally the same as bindAddress)
 * @param offerHoldMs  how long an offered address is kept for the client's REQUEST
 */
public record DhcpServerConfig(Ipv4Address bindAddress, int serverPort, int clientPort, Subnet subnet,
                               Ipv4Address poolStart, Ipv4Address poolEnd, long leaseSeconds,
                               Map<String, Ipv4Address> reservations, Path leaseFile, Ipv4Address serverId,
                               long offerHoldMs) {

    public DhcpServerConfig {
        if (bindAddress == null || !bindAddress.isLoopback()) {
            throw new IllegalArgumentException("bindAddress must be inside 127.0.0.0/8, got " + bindAddress);
        }
        if (serverPort < 0 || serverPort > 65535 || clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("serverPort must be 0..65535 and clientPort 1..65535, got "
                    + serverPort + " and " + clientPort);
        }
        if (subnet == null || !subnet.isLoopback()) {
            throw new IllegalArgumentException("subnet must lie inside 127.0.0.0/8, got " + subnet);
        }
        if (poolStart == null || poolEnd == null || !subnet.contains(poolStart) || !subnet.contains(poolEnd)
                || poolStart.compareTo(poolEnd) > 0) {
            throw new IllegalArgumentException("pool " + poolStart + ".." + poolEnd + " must be an ascending range"
                    + " inside " + subnet + " (for example " + subnet.network().plus(10) + ".."
                    + subnet.network().plus(200) + ")");
        }
        if (poolStart.equals(subnet.network()) || poolEnd.equals(subnet.broadcast())) {
            throw new IllegalArgumentException("pool " + poolStart + ".." + poolEnd
                    + " must not include the network or broadcast address of " + subnet);
        }
        if (leaseSeconds < 1 || leaseSeconds > 0xffffffffL) {
            throw new IllegalArgumentException("leaseSeconds must be at least 1, got " + leaseSeconds);
        }
        if (serverId == null || !subnet.contains(serverId)) {
            throw new IllegalArgumentException("serverId must be an address inside " + subnet + ", got " + serverId);
        }
        reservations = reservations == null ? Map.of() : Map.copyOf(reservations);
        java.util.Set<Ipv4Address> seen = new java.util.HashSet<>();
        for (Map.Entry<String, Ipv4Address> e : reservations.entrySet()) {
            if (!subnet.contains(e.getValue()) || e.getValue().equals(serverId)
                    || e.getValue().equals(subnet.network()) || e.getValue().equals(subnet.broadcast())) {
                throw new IllegalArgumentException("reservation " + e.getKey() + " -> " + e.getValue()
                        + " must be a host address inside " + subnet + " other than the server's " + serverId);
            }
            if (!seen.add(e.getValue())) {
                throw new IllegalArgumentException("address " + e.getValue() + " is reserved for two circuits;"
                        + " give each slot its own address");
            }
        }
        if (poolStart.compareTo(serverId) <= 0 && serverId.compareTo(poolEnd) <= 0) {
            throw new IllegalArgumentException("the pool " + poolStart + ".." + poolEnd + " contains the server's own"
                    + " address " + serverId + "; start the pool after it");
        }
        if (offerHoldMs < 1) {
            throw new IllegalArgumentException("offerHoldMs must be positive, got " + offerHoldMs);
        }
    }

    /**
     * The defaults of docs/ARCHITECTURE.md for a subnet: server on the first host, pool from first
     * host + 9 to last host - 54 (clipped), one-hour leases, 10 s offer hold, no reservations.
     */
    public static DhcpServerConfig forSubnet(Subnet subnet, int serverPort, int clientPort, Path leaseFile) {
        Ipv4Address first = subnet.firstHost();
        Ipv4Address last = subnet.lastHost();
        Ipv4Address start = first.plus(9).compareTo(last) <= 0 ? first.plus(9) : first.plus(1);
        Ipv4Address end = last.plus(-54).compareTo(start) >= 0 ? last.plus(-54) : last;
        return new DhcpServerConfig(first, serverPort, clientPort, subnet, start, end, 3600, Map.of(), leaseFile,
                first, 10_000);
    }

    public DhcpServerConfig withReservations(Map<String, Ipv4Address> newReservations) {
        return new DhcpServerConfig(bindAddress, serverPort, clientPort, subnet, poolStart, poolEnd, leaseSeconds,
                newReservations, leaseFile, serverId, offerHoldMs);
    }

    public DhcpServerConfig withLeaseSeconds(long seconds) {
        return new DhcpServerConfig(bindAddress, serverPort, clientPort, subnet, poolStart, poolEnd, seconds,
                reservations, leaseFile, serverId, offerHoldMs);
    }

    public DhcpServerConfig withPool(Ipv4Address start, Ipv4Address end) {
        return new DhcpServerConfig(bindAddress, serverPort, clientPort, subnet, start, end, leaseSeconds,
                reservations, leaseFile, serverId, offerHoldMs);
    }

    public DhcpServerConfig withPorts(int newServerPort, int newClientPort) {
        return new DhcpServerConfig(bindAddress, newServerPort, newClientPort, subnet, poolStart, poolEnd,
                leaseSeconds, reservations, leaseFile, serverId, offerHoldMs);
    }

    public DhcpServerConfig withLeaseFile(Path file) {
        return new DhcpServerConfig(bindAddress, serverPort, clientPort, subnet, poolStart, poolEnd, leaseSeconds,
                reservations, file, serverId, offerHoldMs);
    }
}
