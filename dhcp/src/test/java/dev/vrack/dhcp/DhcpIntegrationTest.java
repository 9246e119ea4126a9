package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import dev.vrack.common.Ipv4Address;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client -> hub relay -> server on real UDP sockets on loopback, each test on a subnet of its own. */
class DhcpIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void fullDoraThroughTheRelayBindsAnAddressFromThePool() {
        try (RackLan lan = new RackLan("127.77.1.0/24", dir)) {
            lan.startServer(lan.config());
            lan.startHub();
            RackLan.Recorder rec = new RackLan.Recorder();
            DhcpClient client = lan.startClient(3, RackLan.mac(1), rec);

            await().atMost(WAIT).until(() -> !rec.bound.isEmpty());
            Lease lease = rec.bound.get(0);
            assertThat(lease.ip()).isEqualTo(Ipv4Address.parse("127.77.1.10"));
            assertThat(lease.server()).isEqualTo(lan.serverIp);
            assertThat(lease.leaseSeconds()).isEqualTo(3600);
            assertThat(client.currentLease()).contains(lease);
            assertThat(client.state()).isEqualTo(DhcpClientMachine.State.BOUND);

            List<String> types = lan.events("A-0.jsonl").stream().map(Event::type).toList();
            assertThat(types).containsSubsequence("dhcp.discover", "dhcp.offer", "dhcp.request", "dhcp.ack");
            Event ack = lan.events("A-0.jsonl").stream().filter(e -> e.type().equals("dhcp.ack")).findFirst().get();
            assertThat(ack.source()).isEqualTo("A/0");
            assertThat(ack.details()).containsEntry("circuit", "A/3").containsEntry("ip", "127.77.1.10")
                    .containsEntry("mac", "02:00:00:00:00:01");
            await().atMost(WAIT).until(() -> lan.events("A-3.jsonl").stream().anyMatch(e -> e.type().equals("dhcp.bound")));
            assertThat(lan.server.leases()).anySatisfy(r -> {
                assertThat(r.ip()).isEqualTo(lease.ip());
                assertThat(r.state()).isEqualTo(LeaseState.BOUND);
                assertThat(r.circuit()).isEqualTo("A/3");
            });
        }
    }

    @Test
    void reservationByCircuitGivesTheSlotItsFixedAddress() {
        try (RackLan lan = new RackLan("127.77.2.0/24", dir)) {
            lan.startServer(lan.config().withReservations(Map.of("A/2", Ipv4Address.parse("127.77.2.30"))));
            lan.startHub();
            RackLan.Recorder inSlot2 = new RackLan.Recorder();
            RackLan.Recorder inSlot1 = new RackLan.Recorder();
            lan.startClient(2, RackLan.mac(2), inSlot2);
            lan.startClient(1, RackLan.mac(3), inSlot1);
            await().atMost(WAIT).until(() -> !inSlot2.bound.isEmpty() && !inSlot1.bound.isEmpty());
            assertThat(inSlot2.bound.get(0).ip()).isEqualTo(Ipv4Address.parse("127.77.2.30"));
            assertThat(inSlot1.bound.get(0).ip()).isNotEqualTo(Ipv4Address.parse("127.77.2.30"));
        }
    }

    @Test
    void renewsByUnicastAtT1WithAShortLease() {
        try (RackLan lan = new RackLan("127.77.3.0/24", dir)) {
            lan.startServer(lan.config().withLeaseSeconds(4));
            lan.startHub();
            RackLan.Recorder rec = new RackLan.Recorder();
            lan.startClient(3, RackLan.mac(4), rec);
            // T1 is 2 s, T2 3 s: within about 5 s the client must have renewed at least twice, keeping its address.
            await().atMost(WAIT).until(() -> rec.bound.size() >= 3);
            assertThat(rec.bound).extracting(Lease::ip).containsOnly(rec.bound.get(0).ip());
            assertThat(rec.lost).isEmpty();
            List<Event> clientEvents = lan.events("A-3.jsonl");
            assertThat(clientEvents).extracting(Event::type).contains("dhcp.renewed");
            // Renewals are unicast from leasedIp:clientPort: the server saw REQUESTs without a circuit.
            assertThat(lan.events("A-0.jsonl")).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("dhcp.request");
                assertThat(e.details()).containsEntry("circuit", "");
            });
        }
    }

    @Test
    void leasesSurviveAServerRestart() {
        try (RackLan lan = new RackLan("127.77.4.0/24", dir)) {
            lan.startServer(lan.config());
            lan.startHub();
            RackLan.Recorder first = new RackLan.Recorder();
            RackLan.Recorder other = new RackLan.Recorder();
            DhcpClient a = lan.startClient(1, RackLan.mac(5), other);
            await().atMost(WAIT).until(() -> !other.bound.isEmpty());
            DhcpClient b = lan.startClient(3, RackLan.mac(6), first);
            await().atMost(WAIT).until(() -> !first.bound.isEmpty());
            Ipv4Address before = first.bound.get(0).ip();
            assertThat(before).isEqualTo(Ipv4Address.parse("127.77.4.11"));
            a.close();
            b.close();
            lan.hub.close();
            lan.server.close();

            // A new server process on the same lease file: the returning client gets its address back,
            // and a newcomer does not get an address that is still leased.
            lan.startServer(lan.config());
            lan.startHub();
            RackLan.Recorder again = new RackLan.Recorder();
            RackLan.Recorder newcomer = new RackLan.Recorder();
            lan.startClient(3, RackLan.mac(6), again);
            await().atMost(WAIT).until(() -> !again.bound.isEmpty());
            assertThat(again.bound.get(0).ip()).isEqualTo(before);
            lan.startClient(2, RackLan.mac(7), newcomer);
            await().atMost(WAIT).until(() -> !newcomer.bound.isEmpty());
            assertThat(newcomer.bound.get(0).ip()).isNotIn(before, Ipv4Address.parse("127.77.4.10"));
        }
    }

    @Test
    void truncatedPacketIsCountedAndTheNextClientStillGetsALease() throws Exception {
        try (RackLan lan = new RackLan("127.77.5.0/24", dir)) {
            lan.startServer(lan.config());
            lan.startHub();
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] garbage = new byte[100];
                garbage[0] = 1;
                s.send(new DatagramPacket(garbage, garbage.length, lan.server.localAddress()));
            }
            await().atMost(WAIT).until(() -> lan.server.stats().droppedMalformed() == 1);
            assertThat(lan.events("A-0.jsonl")).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("dhcp.dropped");
                assertThat((String) e.details().get("reason")).contains("100 bytes", "shorter than");
            });
            RackLan.Recorder rec = new RackLan.Recorder();
            lan.startClient(3, RackLan.mac(8), rec);
            await().atMost(WAIT).until(() -> !rec.bound.isEmpty());
            DhcpServerStats stats = lan.server.stats();
            assertThat(stats.answered()).isGreaterThanOrEqualTo(2);
            assertThat(stats.droppedMalformed()).isEqualTo(1);
        }
    }

    @Test
    void aSlotWithItsLinkDownGetsNothingUntilTheLinkComesBack() {
        try (RackLan lan = new RackLan("127.77.6.0/24", dir)) {
            lan.startServer(lan.config());
            lan.startHub();
            lan.linkUp[3] = false;
            RackLan.Recorder rec = new RackLan.Recorder();
            DhcpClient client = lan.startClient(3, RackLan.mac(9), rec);
            await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> rec.bound.isEmpty());
            assertThat(lan.server.stats().received()).isZero();
            lan.linkUp[3] = true;
            client.linkUp();
            await().atMost(WAIT).until(() -> !rec.bound.isEmpty());
        }
    }

    @Test
    void releaseFreesTheAddressOnTheServer() {
        try (RackLan lan = new RackLan("127.77.7.0/24", dir)) {
            lan.startServer(lan.config());
            lan.startHub();
            RackLan.Recorder rec = new RackLan.Recorder();
            DhcpClient client = lan.startClient(3, RackLan.mac(10), rec);
            await().atMost(WAIT).until(() -> !rec.bound.isEmpty());
            client.release();
            Ipv4Address ip = rec.bound.get(0).ip();
            await().atMost(WAIT).until(() -> lan.server.leases().stream()
                    .anyMatch(r -> r.ip().equals(ip) && r.state() == LeaseState.RELEASED));
            assertThat(client.currentLease()).isEmpty();
            assertThat(lan.events("A-3.jsonl")).extracting(Event::type).contains("dhcp.released");
        }
    }
}
