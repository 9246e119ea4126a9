package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The rack's DHCP settings, with defaults resolved.
 *
 * @param server       the DHCP server's address, i.e. the management cartridge's; default the subnet's first host
 * @param poolStart    first address of the dynamic pool; default first host + 9
 * @param poolEnd      last address of the dynamic pool (inclusive); default last host - 54, clipped to fit
 * @param leaseSeconds lease time handed out; default 600
 * @param serverPort   the server's UDP port if the file fixes it; empty means rack up chooses (67, else 1067)
 * @param clientPort   the clients' UDP port if the file fixes it; empty means rack up chooses (68, else 1068)
 */
public record DhcpSettings(Ipv4Address server, Ipv4Address poolStart, Ipv4Address poolEnd, int leaseSeconds,
                           OptionalInt serverPort, OptionalInt clientPort) {

    /** Lease time when the file does not set one. */
    public static final int DEFAULT_LEASE_SECONDS = 600;

    public DhcpSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(poolStart, "poolStart");
        Objects.requireNonNull(poolEnd, "poolEnd");
        Objects.requireNonNull(serverPort, "serverPort");
        Objects.requireNonNull(clientPort, "clientPort");
    }

    /** True when the address lies within the dynamic pool. */
    public boolean inPool(Ipv4Address address) {
        return address.compareTo(poolStart) >= 0 && address.compareTo(poolEnd) <= 0;
    }
}
