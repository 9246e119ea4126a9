package dev.vrack.dhcp;

import java.util.Arrays;

/**
 * What a DHCP client needs: where its slot's hub listens, its MAC, the client port it binds on its
 * leased address for unicast renewals, and the server port renewals go to.
 *
 * @param hubHost    the hub's address for this slot ({@code Welcome.hub_host})
 * @param hubPort    the hub's UDP port for this slot ({@code Welcome.hub_port})
 * @param mac        6-byte Ethernet address
 * @param clientPort 68, or 1068 unprivileged
 * @param hostname   sent as option 12; may be empty
 * @param serverPort where RENEWING requests and RELEASE go: 67, or 1067
 */
public record DhcpClientConfig(String hubHost, int hubPort, byte[] mac, int clientPort, String hostname,
                               int serverPort) {

    public DhcpClientConfig {
        if (hubHost == null || hubHost.isBlank()) {
            throw new IllegalArgumentException("hubHost is missing; it comes from the chassis's Welcome message");
        }
        if (hubPort < 1 || hubPort > 65535 || clientPort < 1 || clientPort > 65535 || serverPort < 1
                || serverPort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535, got hub " + hubPort + ", client "
                    + clientPort + ", server " + serverPort);
        }
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("mac must be 6 bytes, got " + (mac == null ? "none" : mac.length));
        }
        mac = mac.clone();
        hostname = hostname == null ? "" : hostname;
    }

    /**
     * The rack's convention: the server port is the client port minus one (67/68, or 1067/1068,
     * whichever rack up chose and recorded in runtime.json).
     */
    public DhcpClientConfig(String hubHost, int hubPort, byte[] mac, int clientPort, String hostname) {
        this(hubHost, hubPort, mac, clientPort, hostname, clientPort - 1);
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpClientConfig c && hubHost.equals(c.hubHost) && hubPort == c.hubPort
                && Arrays.equals(mac, c.mac) && clientPort == c.clientPort && hostname.equals(c.hostname)
                && serverPort == c.serverPort;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(hubHost, hubPort, Arrays.hashCode(mac), clientPort, hostname, serverPort);
    }

    @Override
    public String toString() {
        return "DhcpClientConfig[hub=" + hubHost + ":" + hubPort + ", mac=" + DhcpPacket.macText(mac)
                + ", clientPort=" + clientPort + ", serverPort=" + serverPort + ", hostname=" + hostname + "]";
    }
}
