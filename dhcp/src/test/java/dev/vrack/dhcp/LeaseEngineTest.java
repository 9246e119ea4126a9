package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseEngineTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("127.42.0.1");
    private static final Ipv4Address HUB = Ipv4Address.parse("127.42.0.254");
    private static final Ipv4Address SRC = Ipv4Address.parse("127.0.0.1");
    private static final Ipv4Address RESERVED = Ipv4Address.parse("127.42.0.30");
    private static final long T0 = 1_700_000_000_000L;

    private DhcpServerConfig config;
    private MemoryLeaseStore store;
    private LeaseEngine engine;

    @BeforeEach
    void setUp() {
        config = DhcpServerConfig.forSubnet(Subnet.parse("127.42.0.0/24"), 67, 68, null)
                .withPool(Ipv4Address.parse("127.42.0.10"), Ipv4Address.parse("127.42.0.12"))
                .withReservations(Map.of("A/3", RESERVED));
        store = new MemoryLeaseStore();
        engine = new LeaseEngine(config, store);
    }

    private static byte[] mac(int n) {
        return new byte[] {2, 0, 0, 0, 0, (byte) n};
    }

    private static DhcpPacket.Builder packet(int n, DhcpMessageType type, DhcpOptions extra) {
        DhcpOptions o = DhcpOptions.empty().withMessageType(type);
        for (int code : extra.codes()) {
            o = o.with(code, extra.get(code).get());
        }
        return DhcpPacket.builder().xid(n * 100).hardwareAddress(mac(n)).options(o);
    }

    private static DhcpPacket relayed(DhcpPacket.Builder b, String circuit) {
        DhcpPacket p = b.build();
        return p.toBuilder().giaddr(HUB).hops(1)
                .options(p.options().withRelayAgentInfo(new RelayAgentInfo(circuit, "CHASSIS-A-0001"))).build();
    }

    private DhcpReply answer(DhcpPacket p, long now) {
        EngineResult r = engine.handle(p, SRC, 4000, now);
        assertThat(r.reply()).as("answer to " + p + " (ignored: " + r.ignoredReason() + ")").isPresent();
        return r.reply().get();
    }

    private Ipv4Address dora(int n, String circuit, long now) {
        DhcpReply offer = answer(relayed(packet(n, DhcpMessageType.DISCOVER, DhcpOptions.empty()), circuit), now);
        Ipv4Address ip = offer.packet().yiaddr();
        DhcpReply ack = answer(relayed(packet(n, DhcpMessageType.REQUEST, DhcpOptions.empty()
                .withRequestedIp(ip).withServerId(SERVER)), circuit), now);
        assertThat(ack.packet().messageType()).contains(DhcpMessageType.ACK);
        return ip;
    }

    @Test
    void offerCarriesLeaseOptionsAndGoesToGiaddr() {
        DhcpReply offer = answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"), T0);
        DhcpPacket p = offer.packet();
        assertThat(p.op()).isEqualTo(DhcpPacket.BOOTREPLY);
        assertThat(p.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(p.yiaddr()).isEqualTo(Ipv4Address.parse("127.42.0.10"));
        assertThat(p.xid()).isEqualTo(100);
        assertThat(p.options().serverId()).contains(SERVER);
        assertThat(p.options().leaseSeconds()).hasValue(3600);
        assertThat(p.options().renewalSeconds()).hasValue(1800);
        assertThat(p.options().rebindingSeconds()).hasValue(3150);
        assertThat(p.options().subnetMask()).contains(Ipv4Address.parse("255.255.255.0"));
        assertThat(p.options().relayAgentInfo()).map(RelayAgentInfo::circuitId).contains("A/1");
        assertThat(offer.toAddress()).isEqualTo(HUB);
        assertThat(offer.toPort()).isEqualTo(67);
    }

    @Test
    void fullExchangeBindsAndPersists() {
        Ipv4Address ip = dora(1, "A/1", T0);
        assertThat(engine.lease(ip)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(LeaseState.BOUND);
            assertThat(r.expiresEpochMs()).isEqualTo(T0 + 3_600_000);
            assertThat(r.circuit()).isEqualTo("A/1");
        });
        assertThat(store.load()).extracting(LeaseRecord::ip).containsExactly(ip);
    }

    @Test
    void sameClientGetsItsBindingAgain() {
        Ipv4Address ip = dora(1, "A/1", T0);
        dora(2, "A/2", T0);
        DhcpReply again = answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"), T0 + 1000);
        assertThat(again.packet().yiaddr()).isEqualTo(ip);
    }

    @Test
    void reservationByCircuitWins() {
        Ipv4Address ip = dora(1, "A/3", T0);
        assertThat(ip).isEqualTo(RESERVED);
        // A different cartridge in the same slot gets the slot's address.
        assertThat(dora(9, "A/3", T0 + 1000)).isEqualTo(RESERVED);
        // Another slot may not ask for it.
        DhcpReply offer = answer(relayed(packet(4, DhcpMessageType.DISCOVER, DhcpOptions.empty()
                .withRequestedIp(RESERVED)), "A/4"), T0);
        assertThat(offer.packet().yiaddr()).isNotEqualTo(RESERVED);
    }

    @Test
    void requestedAddressIsOfferedWhenFree() {
        Ipv4Address wanted = Ipv4Address.parse("127.42.0.12");
        DhcpReply offer = answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()
                .withRequestedIp(wanted)), "A/1"), T0);
        assertThat(offer.packet().yiaddr()).isEqualTo(wanted);
    }

    @Test
    void exhaustedPoolGivesNoOfferAndIsCounted() {
        dora(1, "A/1", T0);
        dora(2, "A/1", T0);
        dora(4, "A/1", T0);
        EngineResult r = engine.handle(relayed(packet(5, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"),
                SRC, 67, T0);
        assertThat(r.reply()).isEmpty();
        assertThat(r.poolExhausted()).isTrue();
        assertThat(engine.poolExhaustedCount()).isEqualTo(1);
        // Once a lease expires its address is free again.
        EngineResult later = engine.handle(relayed(packet(5, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"),
                SRC, 67, T0 + 3_600_001);
        assertThat(later.reply()).isPresent();
    }

    @Test
    void offersAreHeldOnlyBriefly() {
        answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"), T0);
        DhcpReply second = answer(relayed(packet(2, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/2"), T0);
        assertThat(second.packet().yiaddr()).isEqualTo(Ipv4Address.parse("127.42.0.11"));
        // After the hold, client 3 may get .10 (never bound) rather than waiting.
        engine.handle(relayed(packet(2, DhcpMessageType.REQUEST, DhcpOptions.empty()
                .withRequestedIp(Ipv4Address.parse("127.42.0.11")).withServerId(SERVER)), "A/2"), SRC, 67, T0);
        dora(4, "A/4", T0);
        DhcpReply late = answer(relayed(packet(5, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/5"),
                T0 + config.offerHoldMs() + 1);
        assertThat(late.packet().yiaddr()).isEqualTo(Ipv4Address.parse("127.42.0.10"));
    }

    @Test
    void requestForAnotherServerIsIgnoredAndReleasesTheOffer() {
        answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"), T0);
        EngineResult r = engine.handle(relayed(packet(1, DhcpMessageType.REQUEST, DhcpOptions.empty()
                .withRequestedIp(Ipv4Address.parse("127.42.0.10")).withServerId(Ipv4Address.parse("127.42.0.2"))),
                "A/1"), SRC, 67, T0);
        assertThat(r.reply()).isEmpty();
        assertThat(r.ignoredReason()).contains("127.42.0.2");
        assertThat(engine.lease(Ipv4Address.parse("127.42.0.10"))).isEmpty();
    }

    @Test
    void selectingRequestForAnAddressHeldByAnotherIsNaked() {
        Ipv4Address ip = dora(1, "A/1", T0);
        DhcpReply r = answer(relayed(packet(2, DhcpMessageType.REQUEST, DhcpOptions.empty()
                .withRequestedIp(ip).withServerId(SERVER)), "A/2"), T0);
        assertThat(r.packet().messageType()).contains(DhcpMessageType.NAK);
        assertThat(r.packet().yiaddr().isZero()).isTrue();
        assertThat(r.packet().options().message()).hasValueSatisfying(m -> assertThat(m).contains("not available"));
        assertThat(r.toAddress()).isEqualTo(HUB);
    }

    @Test
    void initRebootIsAckedWhenCorrectAndNakedWhenWrong() {
        Ipv4Address ip = dora(1, "A/1", T0);
        DhcpReply ok = answer(relayed(packet(1, DhcpMessageType.REQUEST, DhcpOptions.empty().withRequestedIp(ip)),
                "A/1"), T0 + 5000);
        assertThat(ok.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(engine.lease(ip).get().expiresEpochMs()).isEqualTo(T0 + 5000 + 3_600_000);

        DhcpReply wrongNet = answer(relayed(packet(1, DhcpMessageType.REQUEST, DhcpOptions.empty()
                .withRequestedIp(Ipv4Address.parse("127.99.0.10"))), "A/1"), T0);
        assertThat(wrongNet.packet().messageType()).contains(DhcpMessageType.NAK);
        assertThat(wrongNet.packet().options().message().get()).contains("not on this network");

        DhcpReply taken = answer(relayed(packet(2, DhcpMessageType.REQUEST, DhcpOptions.empty().withRequestedIp(ip)),
                "A/2"), T0);
        assertThat(taken.packet().messageType()).contains(DhcpMessageType.NAK);
    }

    @Test
    void renewingExtendsAndAnswersCiaddrOnTheClientPort() {
        Ipv4Address ip = dora(1, "A/1", T0);
        DhcpReply renew = answer(packet(1, DhcpMessageType.REQUEST, DhcpOptions.empty()).ciaddr(ip).build(),
                T0 + 1_800_000);
        assertThat(renew.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(renew.packet().ciaddr()).isEqualTo(ip);
        assertThat(renew.packet().yiaddr()).isEqualTo(ip);
        assertThat(renew.toAddress()).isEqualTo(ip);
        assertThat(renew.toPort()).isEqualTo(68);
        assertThat(engine.lease(ip).get().expiresEpochMs()).isEqualTo(T0 + 1_800_000 + 3_600_000);
        assertThat(engine.lease(ip).get().circuit()).as("circuit remembered across unicast renewals").isEqualTo("A/1");
    }

    @Test
    void renewingForAnAddressOfSomeoneElseIsNakedToTheSource() {
        Ipv4Address ip = dora(1, "A/1", T0);
        EngineResult r = engine.handle(packet(2, DhcpMessageType.REQUEST, DhcpOptions.empty()).ciaddr(ip).build(),
                SRC, 4068, T0);
        DhcpReply nak = r.reply().orElseThrow();
        assertThat(nak.packet().messageType()).contains(DhcpMessageType.NAK);
        // A NAK without giaddr would be broadcast; on loopback it goes back to where the request came from.
        assertThat(nak.toAddress()).isEqualTo(SRC);
        assertThat(nak.toPort()).isEqualTo(4068);
    }

    @Test
    void unknownClientRenewingAFreePoolAddressGetsIt() {
        // What dhcping does: REQUEST with ciaddr of an address the server never leased.
        Ipv4Address ip = Ipv4Address.parse("127.42.0.11");
        DhcpReply r = answer(packet(7, DhcpMessageType.REQUEST, DhcpOptions.empty()).ciaddr(ip).build(), T0);
        assertThat(r.packet().messageType()).contains(DhcpMessageType.ACK);
        DhcpReply outside = answer(packet(8, DhcpMessageType.REQUEST, DhcpOptions.empty())
                .ciaddr(Ipv4Address.parse("127.42.0.100")).build(), T0);
        assertThat(outside.packet().messageType()).as("outside the pool").contains(DhcpMessageType.NAK);
    }

    @Test
    void declineKeepsTheAddressOutOfThePool() {
        Ipv4Address ip = dora(1, "A/1", T0);
        EngineResult r = engine.handle(relayed(packet(1, DhcpMessageType.DECLINE, DhcpOptions.empty()
                .withRequestedIp(ip).withServerId(SERVER)), "A/1"), SRC, 67, T0);
        assertThat(r.reply()).isEmpty();
        assertThat(engine.lease(ip).get().state()).isEqualTo(LeaseState.DECLINED);
        DhcpReply offer = answer(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"), T0 + 1000);
        assertThat(offer.packet().yiaddr()).isNotEqualTo(ip);
        // After the hold the address comes back.
        dora(2, "A/2", T0 + 2000);
        EngineResult later = engine.handle(relayed(packet(3, DhcpMessageType.DISCOVER, DhcpOptions.empty()
                .withRequestedIp(ip)), "A/5"), SRC, 67, T0 + LeaseEngine.DECLINE_HOLD_MS + 1);
        assertThat(later.reply().orElseThrow().packet().yiaddr()).isEqualTo(ip);
    }

    @Test
    void releaseFreesTheAddress() {
        Ipv4Address ip = dora(1, "A/1", T0);
        EngineResult r = engine.handle(packet(1, DhcpMessageType.RELEASE, DhcpOptions.empty().withServerId(SERVER))
                .ciaddr(ip).build(), ip, 68, T0 + 10);
        assertThat(r.reply()).isEmpty();
        assertThat(engine.lease(ip).get().state()).isEqualTo(LeaseState.RELEASED);
        dora(2, "A/2", T0 + 20);
        dora(4, "A/4", T0 + 20);
        // Pool of three: the released address is reusable by a newcomer.
        assertThat(dora(5, "A/5", T0 + 30)).isEqualTo(ip);
        // A release by someone who does not hold the address changes nothing.
        EngineResult foreign = engine.handle(packet(6, DhcpMessageType.RELEASE, DhcpOptions.empty())
                .ciaddr(ip).build(), ip, 68, T0 + 40);
        assertThat(foreign.ignoredReason()).contains("does not hold");
        assertThat(engine.lease(ip).get().state()).isEqualTo(LeaseState.BOUND);
    }

    @Test
    void informIsAckedWithoutAddressOrLeaseTimes() {
        Ipv4Address ip = Ipv4Address.parse("127.42.0.77");
        DhcpReply r = answer(packet(1, DhcpMessageType.INFORM, DhcpOptions.empty()).ciaddr(ip).build(), T0);
        assertThat(r.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(r.packet().yiaddr().isZero()).isTrue();
        assertThat(r.packet().options().has(DhcpOptionCode.LEASE_TIME)).isFalse();
        assertThat(r.packet().options().has(DhcpOptionCode.RENEWAL_TIME)).isFalse();
        assertThat(r.packet().options().serverId()).contains(SERVER);
        assertThat(r.toAddress()).isEqualTo(ip);
        assertThat(r.toPort()).isEqualTo(68);
    }

    @Test
    void clientIdentityIsOption61WhenPresent() {
        DhcpPacket withId = packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()
                .withClientId(new byte[] {0, 'x', 'y'})).build();
        assertThat(LeaseEngine.clientId(withId)).isEqualTo("007879");
        assertThat(LeaseEngine.clientId(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()).build()))
                .isEqualTo("01020000000001");
    }

    @Test
    void nonRelayedDiscoverIsAnsweredToItsSource() {
        EngineResult r = engine.handle(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()).build(),
                SRC, 5555, T0);
        assertThat(r.reply().orElseThrow().toAddress()).isEqualTo(SRC);
        assertThat(r.reply().get().toPort()).isEqualTo(5555);
        assertThat(r.reply().get().packet().options().has(82)).isFalse();
    }

    @Test
    void serverMessagesAndBootpAreIgnored() {
        assertThat(engine.handle(packet(1, DhcpMessageType.OFFER, DhcpOptions.empty()).build(), SRC, 68, T0)
                .ignoredReason()).contains("server message");
        assertThat(engine.handle(DhcpPacket.builder().hardwareAddress(mac(1)).build(), SRC, 68, T0)
                .ignoredReason()).contains("option 53");
    }

    @Test
    void bindingsSurviveANewEngineOnTheSameStore() {
        Ipv4Address ip = dora(1, "A/1", T0);
        LeaseEngine restarted = new LeaseEngine(config, store);
        EngineResult r = restarted.handle(relayed(packet(1, DhcpMessageType.DISCOVER, DhcpOptions.empty()), "A/1"),
                SRC, 67, T0 + 1000);
        assertThat(r.reply().orElseThrow().packet().yiaddr()).isEqualTo(ip);
    }
}
