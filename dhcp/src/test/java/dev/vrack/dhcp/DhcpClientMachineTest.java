package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client state machine on a fake clock: every timer is driven by hand. */
class DhcpClientMachineTest {

    private static final byte[] MAC = {2, 0, 0, 0, 0, 9};
    private static final Ipv4Address SERVER = Ipv4Address.parse("127.42.0.1");
    private static final Ipv4Address IP = Ipv4Address.parse("127.42.0.10");
    private static final long T0 = 1_000_000L;

    private DhcpClientMachine m;
    private long now;

    @BeforeEach
    void setUp() {
        m = new DhcpClientMachine(MAC, "cart", new Random(1));
        now = T0;
    }

    private static <T extends ClientAction> List<T> only(List<ClientAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static ClientAction.Send send(List<ClientAction> actions) {
        List<ClientAction.Send> sends = only(actions, ClientAction.Send.class);
        assertThat(sends).hasSize(1);
        return sends.get(0);
    }

    private static long timer(List<ClientAction> actions) {
        List<ClientAction.ArmTimer> t = only(actions, ClientAction.ArmTimer.class);
        assertThat(t).as("armed timer in " + actions).hasSize(1);
        return t.get(0).atEpochMs();
    }

    private static DhcpPacket reply(DhcpPacket request, DhcpMessageType type, long leaseSeconds) {
        DhcpOptions o = DhcpOptions.empty().withMessageType(type).withServerId(SERVER);
        if (type != DhcpMessageType.NAK) {
            o = o.withLeaseSeconds(leaseSeconds).withRenewalSeconds(leaseSeconds / 2)
                    .withRebindingSeconds(leaseSeconds * 7 / 8).withSubnetMask(Ipv4Address.parse("255.255.255.0"));
        }
        return DhcpPacket.builder().op(DhcpPacket.BOOTREPLY).xid(request.xid()).hardwareAddress(MAC)
                .yiaddr(type == DhcpMessageType.NAK ? null : IP).options(o).build();
    }

    /** Runs DORA with a 100 s lease and returns the actions of the ACK. */
    private List<ClientAction> bind() {
        DhcpPacket discover = send(m.start(now)).packet();
        assertThat(discover.messageType()).contains(DhcpMessageType.DISCOVER);
        ClientAction.Send request = send(m.onPacket(reply(discover, DhcpMessageType.OFFER, 100), now));
        return m.onPacket(reply(request.packet(), DhcpMessageType.ACK, 100), now);
    }

    @Test
    void doraBindsAndArmsT1() {
        List<ClientAction> first = m.start(now);
        ClientAction.Send discover = send(first);
        assertThat(discover.route()).isEqualTo(ClientAction.Route.HUB);
        assertThat(discover.packet().options().clientId()).hasValueSatisfying(id -> assertThat(id).hasSize(7));
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);

        List<ClientAction> afterOffer = m.onPacket(reply(discover.packet(), DhcpMessageType.OFFER, 100), now);
        ClientAction.Send request = send(afterOffer);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.REQUESTING);
        assertThat(request.packet().options().requestedIp()).contains(IP);
        assertThat(request.packet().options().serverId()).contains(SERVER);
        assertThat(request.packet().ciaddr().isZero()).isTrue();

        List<ClientAction> afterAck = m.onPacket(reply(request.packet(), DhcpMessageType.ACK, 100), now);
        List<ClientAction.Bound> bound = only(afterAck, ClientAction.Bound.class);
        assertThat(bound).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(ClientAction.BindKind.BOUND);
            assertThat(b.lease().ip()).isEqualTo(IP);
            assertThat(b.lease().server()).isEqualTo(SERVER);
        });
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.BOUND);
        assertThat(timer(afterAck)).isEqualTo(T0 + 50_000);
    }

    @Test
    void retransmitsWithExponentialBackoffCappedAt8s() {
        long armed = timer(m.start(now));
        long previousGap = armed - now;
        assertThat(previousGap).isBetween(375L, 625L);
        long[] nominal = {1000, 2000, 4000, 8000, 8000, 8000};
        for (long n : nominal) {
            now = armed;
            List<ClientAction> actions = m.onTimer(now);
            assertThat(send(actions).packet().messageType()).contains(DhcpMessageType.DISCOVER);
            armed = timer(actions);
            assertThat(armed - now).isBetween(n * 3 / 4, n * 5 / 4);
        }
    }

    @Test
    void jitterIsRepeatableWithASeed() {
        DhcpClientMachine a = new DhcpClientMachine(MAC, "", new Random(7));
        DhcpClientMachine b = new DhcpClientMachine(MAC, "", new Random(7));
        assertThat(timer(a.start(0))).isEqualTo(timer(b.start(0)));
    }

    @Test
    void earlyTimerDoesNothingButReArm() {
        long armed = timer(m.start(now));
        List<ClientAction> early = m.onTimer(armed - 1);
        assertThat(only(early, ClientAction.Send.class)).isEmpty();
        assertThat(timer(early)).isEqualTo(armed);
    }

    @Test
    void renewsByUnicastAtT1ThenRebindsThroughTheHubAtT2ThenExpires() {
        bind();
        now = T0 + 50_000;
        ClientAction.Send renew = send(m.onTimer(now));
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.RENEWING);
        assertThat(renew.route()).isEqualTo(ClientAction.Route.UNICAST);
        assertThat(renew.to()).isEqualTo(SERVER);
        assertThat(renew.packet().ciaddr()).isEqualTo(IP);
        assertThat(renew.packet().options().has(DhcpOptionCode.SERVER_ID)).isFalse();
        assertThat(renew.packet().options().has(DhcpOptionCode.REQUESTED_IP)).isFalse();

        now = T0 + 87_500;
        ClientAction.Send rebind = send(m.onTimer(now));
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.REBINDING);
        assertThat(rebind.route()).isEqualTo(ClientAction.Route.HUB);
        assertThat(rebind.packet().ciaddr()).isEqualTo(IP);

        now = T0 + 100_000;
        List<ClientAction> expired = m.onTimer(now);
        assertThat(only(expired, ClientAction.Lost.class)).singleElement()
                .satisfies(l -> assertThat(l.expired()).isTrue());
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);
        assertThat(m.lease()).isEmpty();
        DhcpPacket discover = send(expired).packet();
        assertThat(discover.options().requestedIp()).as("asks for its old address back").contains(IP);
    }

    @Test
    void ackWhileRenewingExtendsTheLease() {
        bind();
        now = T0 + 50_000;
        DhcpPacket renew = send(m.onTimer(now)).packet();
        List<ClientAction> acked = m.onPacket(reply(renew, DhcpMessageType.ACK, 100), now + 5);
        assertThat(only(acked, ClientAction.Bound.class)).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(ClientAction.BindKind.RENEWED));
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.BOUND);
        assertThat(timer(acked)).isEqualTo(now + 50_000);
    }

    @Test
    void ackWhileRebindingIsReported() {
        bind();
        m.onTimer(T0 + 50_000);
        now = T0 + 87_500;
        DhcpPacket rebind = send(m.onTimer(now)).packet();
        List<ClientAction> acked = m.onPacket(reply(rebind, DhcpMessageType.ACK, 100), now);
        assertThat(only(acked, ClientAction.Bound.class)).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(ClientAction.BindKind.REBOUND));
    }

    @Test
    void nakWhileRenewingLosesTheLeaseAndStartsOver() {
        bind();
        now = T0 + 50_000;
        DhcpPacket renew = send(m.onTimer(now)).packet();
        List<ClientAction> naked = m.onPacket(reply(renew, DhcpMessageType.NAK, 0), now);
        assertThat(only(naked, ClientAction.Lost.class)).singleElement()
                .satisfies(l -> assertThat(l.reason()).contains("NAK"));
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);
        assertThat(send(naked).packet().messageType()).contains(DhcpMessageType.DISCOVER);
    }

    @Test
    void nakWhileRequestingGoesBackToInit() {
        DhcpPacket discover = send(m.start(now)).packet();
        DhcpPacket request = send(m.onPacket(reply(discover, DhcpMessageType.OFFER, 100), now)).packet();
        List<ClientAction> naked = m.onPacket(reply(request, DhcpMessageType.NAK, 0), now);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.INIT);
        now = timer(naked);
        assertThat(send(m.onTimer(now)).packet().messageType()).contains(DhcpMessageType.DISCOVER);
    }

    @Test
    void requestingGivesUpAfterFourRequests() {
        DhcpPacket discover = send(m.start(now)).packet();
        List<ClientAction> actions = m.onPacket(reply(discover, DhcpMessageType.OFFER, 100), now);
        for (int i = 0; i < DhcpClientMachine.REQUEST_ATTEMPTS - 1; i++) {
            now = timer(actions);
            actions = m.onTimer(now);
            assertThat(send(actions).packet().messageType()).contains(DhcpMessageType.REQUEST);
        }
        now = timer(actions);
        actions = m.onTimer(now);
        assertThat(send(actions).packet().messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);
    }

    @Test
    void ignoresRepliesForOtherTransactionsOrClients() {
        DhcpPacket discover = send(m.start(now)).packet();
        DhcpPacket offer = reply(discover, DhcpMessageType.OFFER, 100);
        assertThat(m.onPacket(offer.toBuilder().xid(discover.xid() + 1).build(), now)).isEmpty();
        assertThat(m.onPacket(offer.toBuilder().hardwareAddress(new byte[] {2, 0, 0, 0, 0, 8}).build(), now)).isEmpty();
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);
    }

    @Test
    void linkUpWhenBoundSendsInitRebootRequest() {
        bind();
        now = T0 + 10_000;
        List<ClientAction> up = m.linkUp(now);
        ClientAction.Send req = send(up);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.INIT_REBOOT);
        assertThat(req.route()).isEqualTo(ClientAction.Route.HUB);
        assertThat(req.packet().options().requestedIp()).contains(IP);
        assertThat(req.packet().options().has(DhcpOptionCode.SERVER_ID)).isFalse();
        assertThat(req.packet().ciaddr().isZero()).isTrue();
        List<ClientAction> acked = m.onPacket(reply(req.packet(), DhcpMessageType.ACK, 100), now);
        assertThat(only(acked, ClientAction.Bound.class)).hasSize(1);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.BOUND);
    }

    @Test
    void initRebootWithoutAnswerKeepsTheUnexpiredLease() {
        bind();
        now = T0 + 10_000;
        List<ClientAction> actions = m.linkUp(now);
        for (int i = 0; i < DhcpClientMachine.REQUEST_ATTEMPTS; i++) {
            now = timer(actions);
            actions = m.onTimer(now);
        }
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.BOUND);
        assertThat(m.lease()).isPresent();
        assertThat(only(actions, ClientAction.Lost.class)).isEmpty();
    }

    @Test
    void nakOnInitRebootStartsOver() {
        bind();
        DhcpPacket req = send(m.linkUp(now)).packet();
        List<ClientAction> naked = m.onPacket(reply(req, DhcpMessageType.NAK, 0), now);
        assertThat(only(naked, ClientAction.Lost.class)).hasSize(1);
        assertThat(m.state()).isEqualTo(DhcpClientMachine.State.SELECTING);
    }

    @Test
    void releaseSendsUnicastReleaseAndStops() {
        bind();
        List<ClientAction> rel = m.release(now);
        ClientAction.Send s = send(rel);
        assertThat(s.route()).isEqualTo(ClientAction.Route.UNICAST);
        assertThat(s.packet().messageType()).contains(DhcpMessageType.RELEASE);
        assertThat(s.packet().ciaddr()).isEqualTo(IP);
        assertThat(s.packet().options().serverId()).contains(SERVER);
        assertThat(only(rel, ClientAction.Released.class)).hasSize(1);
        assertThat(m.isStopped()).isTrue();
        assertThat(m.onTimer(now + 1_000_000)).isEmpty();
    }
}
