package dev.vrack.cartridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Free UDP ports for tests that cannot use 67/68 (shared machine, other racks' tests binding them). */
public final class FreePorts {

    private FreePorts() {
    }

    /** A UDP port that is free on every given address right now. */
    public static int udp(String... hosts) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(hosts[0]), 0))) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (freeEverywhere(port, hosts)) {
                return port;
            }
        }
        throw new IllegalStateException("no UDP port free on all of " + String.join(", ", hosts));
    }

    private static boolean freeEverywhere(int port, String... hosts) {
        for (String host : hosts) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port))) {
                probe.getLocalPort();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
