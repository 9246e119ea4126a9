package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import org.junit.jupiter.api.Test;

class RelayAgentTest {

    private static final Ipv4Address HUB = Ipv4Address.parse("127.42.0.254");
    private final RelayAgent agent = new RelayAgent("A", "CHASSIS-A-0001", HUB);

    private static DhcpPacket discover() {
        return DhcpPacket.builder().xid(1).hardwareAddress(new byte[] {2, 0, 0, 0, 0, 1})
                .options(DhcpOptions.empty().withMessageType(DhcpMessageType.DISCOVER)).build();
    }

    @Test
    void fromClientSetsGiaddrHopsAndOption82() {
        RelayOutcome out = agent.fromClient(3, discover());
        assertThat(out).isInstanceOf(RelayOutcome.Forward.class);
        DhcpPacket p = ((RelayOutcome.Forward) out).packet();
        assertThat(p.giaddr()).isEqualTo(HUB);
        assertThat(p.hops()).isEqualTo(1);
        assertThat(p.options().relayAgentInfo()).contains(new RelayAgentInfo("A/3", "CHASSIS-A-0001"));
        assertThat(p.options().codes()).endsWith(82);
    }

    @Test
    void fromClientKeepsAnExistingGiaddr() {
        Ipv4Address other = Ipv4Address.parse("127.42.0.200");
        DhcpPacket p = ((RelayOutcome.Forward) agent.fromClient(1, discover().toBuilder().giaddr(other).build())).packet();
        assertThat(p.giaddr()).isEqualTo(other);
    }

    @Test
    void fromClientDropsTooManyHopsRepliesAndSpoofedOption82() {
        assertThat(agent.fromClient(1, discover().toBuilder().hops(16).build()))
                .isInstanceOfSatisfying(RelayOutcome.Drop.class, d -> assertThat(d.reason()).contains("hops"));
        assertThat(agent.fromClient(1, discover().toBuilder().op(DhcpPacket.BOOTREPLY).build()))
                .isInstanceOf(RelayOutcome.Drop.class);
        DhcpPacket spoofed = discover().toBuilder().options(discover().options()
                .withRelayAgentInfo(new RelayAgentInfo("A/2", "CHASSIS-A-0001"))).build();
        assertThat(agent.fromClient(1, spoofed))
                .isInstanceOfSatisfying(RelayOutcome.Drop.class, d -> assertThat(d.reason()).contains("option 82"));
    }

    @Test
    void fromServerRoutesToTheSlotAndStripsOption82() {
        DhcpPacket relayed = ((RelayOutcome.Forward) agent.fromClient(5, discover())).packet();
        DhcpPacket answer = relayed.toBuilder().op(DhcpPacket.BOOTREPLY).build();
        RelayOutcome out = agent.fromServer(answer);
        assertThat(out).isInstanceOfSatisfying(RelayOutcome.Forward.class, f -> {
            assertThat(f.slot()).isEqualTo(5);
            assertThat(f.packet().options().has(82)).isFalse();
        });
    }

    @Test
    void fromServerDropsMissingOrForeignOption82() {
        DhcpPacket bare = discover().toBuilder().op(DhcpPacket.BOOTREPLY).build();
        assertThat(agent.fromServer(bare))
                .isInstanceOfSatisfying(RelayOutcome.Drop.class, d -> assertThat(d.reason()).contains("option 82"));
        DhcpPacket foreign = bare.toBuilder().options(bare.options()
                .withRelayAgentInfo(new RelayAgentInfo("B/3", "CHASSIS-B-0001"))).build();
        assertThat(agent.fromServer(foreign))
                .isInstanceOfSatisfying(RelayOutcome.Drop.class, d -> assertThat(d.reason()).contains("another chassis"));
        DhcpPacket wrongRemote = bare.toBuilder().options(bare.options()
                .withRelayAgentInfo(new RelayAgentInfo("A/3", "CHASSIS-X"))).build();
        assertThat(agent.fromServer(wrongRemote)).isInstanceOf(RelayOutcome.Drop.class);
        DhcpPacket notASlot = bare.toBuilder().options(bare.options()
                .withRelayAgentInfo(new RelayAgentInfo("A/x", "CHASSIS-A-0001"))).build();
        assertThat(agent.fromServer(notASlot))
                .isInstanceOfSatisfying(RelayOutcome.Drop.class, d -> assertThat(d.reason()).contains("slot number"));
    }
}
