package dev.vrack.cli;

import dev.vrack.common.Ipv4Address;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Picks the DHCP ports of a rack: the standard 67/68 where this user may bind them (so standard DHCP
 * tools can talk to the rack), else 1067/1068.
 */
final class PortChooser {

    static final int STANDARD_SERVER = 67;
    static final int STANDARD_CLIENT = 68;
    static final int FALLBACK_SERVER = 1067;
    static final int FALLBACK_CLIENT = 1068;

    private PortChooser() {
    }

    static boolean canBind(Ipv4Address address, int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(address.toInetAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int[] choose(Ipv4Address server, java.util.OptionalInt serverPort, java.util.OptionalInt clientPort) {
        boolean privileged = canBind(server, STANDARD_SERVER);
        int chosenServer = serverPort.orElse(privileged ? STANDARD_SERVER : FALLBACK_SERVER);
        int chosenClient = clientPort.orElse(privileged ? STANDARD_CLIENT : FALLBACK_CLIENT);
        return new int[] {chosenServer, chosenClient};
    }
}
