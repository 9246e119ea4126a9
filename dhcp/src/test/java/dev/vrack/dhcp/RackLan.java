package dev.vrack.dhcp;

import dev.vrack.common.EventLog;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import dev.vrack.common.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixture: a subnet of our own with a server, a hub relay and clients on real loopback sockets. */
final class RackLan implements AutoCloseable {

    final Subnet subnet;
    final Ipv4Address serverIp;
    final Ipv4Address hubIp;
    final int clientPort;
    final Path dir;
    final EventLog serverEvents;
    final EventLog hubEvents;
    final EventLog clientEvents;
    final boolean[] linkUp = {true, true, true, true};
    DhcpServer server;
    HubRelay hub;
    final List<DhcpClient> clients = new ArrayList<>();

    RackLan(String subnetText, Path dir) {
        this.subnet = Subnet.parse(subnetText);
        this.serverIp = subnet.firstHost();
        this.hubIp = subnet.lastHost();
        this.dir = dir;
        this.clientPort = freePort();
        this.serverEvents = EventLog.open(dir.resolve("events/A-0.jsonl"), "A/0", TimeSource.SYSTEM);
        this.hubEvents = EventLog.open(dir.resolve("events/A.jsonl"), "A", TimeSource.SYSTEM);
        this.clientEvents = EventLog.open(dir.resolve("events/A-3.jsonl"), "A/3", TimeSource.SYSTEM);
    }

    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DhcpServerConfig config() {
        return DhcpServerConfig.forSubnet(subnet, 0, clientPort, dir.resolve("dhcp/leases.csv"));
    }

    DhcpServer startServer(DhcpServerConfig config) {
        server = DhcpServer.start(config, serverEvents, () -> linkUp[0], TimeSource.SYSTEM);
        return server;
    }

    HubRelay startHub() {
        hub = HubRelay.start(new RelayAgent("A", "CHASSIS-A-0001", hubIp), hubIp, server.config().serverPort(),
                serverIp, 4, slot -> linkUp[slot], hubEvents);
        return hub;
    }

    DhcpClient startClient(int slot, byte[] mac, Recorder recorder) {
        DhcpClientConfig cc = new DhcpClientConfig(hubIp.toString(), hub.slotPort(slot), mac, clientPort,
                "cart-" + slot, server.config().serverPort());
        DhcpClient c = DhcpClient.start(cc, recorder, clientEvents, () -> linkUp[slot], TimeSource.SYSTEM);
        clients.add(c);
        return c;
    }

    List<Event> events(String file) {
        try {
            return EventReader.readFile(dir.resolve("events/" + file));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static byte[] mac(int last) {
        return new byte[] {2, 0, 0, 0, 0, (byte) last};
    }

    @Override
    public void close() {
        for (DhcpClient c : clients) {
            c.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (server != null) {
            server.close();
        }
        serverEvents.close();
        hubEvents.close();
        clientEvents.close();
    }

    /** Records what a client's listener heard. */
    static final class Recorder implements DhcpClient.Listener {
        final List<Lease> bound = new CopyOnWriteArrayList<>();
        final List<String> lost = new CopyOnWriteArrayList<>();

        @Override
        public void bound(Lease lease) {
            bound.add(lease);
        }

        @Override
        public void lost(String reason) {
            lost.add(reason);
        }
    }

    static Map<String, Object> details(Event e) {
        return e.details();
    }
}
