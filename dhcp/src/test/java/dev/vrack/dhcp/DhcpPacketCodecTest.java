package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.common.Ipv4Address;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpPacketCodecTest {

    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    static DhcpPacket sample() {
        DhcpOptions o = DhcpOptions.empty().withMessageType(DhcpMessageType.REQUEST)
                .withRequestedIp(Ipv4Address.parse("127.42.0.10")).withServerId(Ipv4Address.parse("127.42.0.1"))
                .withParameterList(1, 3, 6, 51).withClientId(new byte[] {1, 2, 0, 0, 0, 0, 1})
                .withMaxMessageSize(1500).withHostname("cart-3")
                .withRelayAgentInfo(new RelayAgentInfo("A/3", "CHASSIS-A-0001"));
        return DhcpPacket.builder().xid(0xCAFEBABE).secs(3).flags(0x8000).hops(1)
                .giaddr(Ipv4Address.parse("127.42.0.254")).hardwareAddress(MAC).sname("srv").file("boot")
                .options(o).build();
    }

    @Test
    void roundTripsEveryField() throws Exception {
        DhcpPacket p = sample();
        byte[] wire = DhcpPacketCodec.encode(p);
        assertThat(wire.length).isGreaterThanOrEqualTo(300);
        DhcpPacket back = DhcpPacketCodec.decode(wire);
        assertThat(back).isEqualTo(p);
        assertThat(back.options().codes()).containsExactly(53, 50, 54, 55, 61, 57, 12, 82);
        assertThat(back.options().requestedIp()).contains(Ipv4Address.parse("127.42.0.10"));
        assertThat(back.options().parameterList()).containsExactly(1, 3, 6, 51);
        assertThat(back.options().maxMessageSize()).hasValue(1500);
        assertThat(back.options().relayAgentInfo()).contains(new RelayAgentInfo("A/3", "CHASSIS-A-0001"));
        assertThat(back.macText()).isEqualTo("02:00:00:00:00:01");
        assertThat(back.sname()).isEqualTo("srv");
        assertThat(back.xid()).isEqualTo(0xCAFEBABE);
    }

    @Test
    void roundTripsServerOptions() throws Exception {
        DhcpOptions o = DhcpOptions.empty().withMessageType(DhcpMessageType.ACK).withLeaseSeconds(0xFFFFFFFFL)
                .withRenewalSeconds(1800).withRebindingSeconds(3150)
                .withSubnetMask(Ipv4Address.parse("255.255.255.0"))
                .withRouters(List.of(Ipv4Address.parse("127.42.0.1"), Ipv4Address.parse("127.42.0.2")))
                .withDnsServers(List.of(Ipv4Address.parse("127.42.0.3")))
                .withBroadcastAddress(Ipv4Address.parse("127.42.0.255")).withMessage("all good");
        DhcpPacket p = DhcpPacket.builder().op(DhcpPacket.BOOTREPLY).xid(7).hardwareAddress(MAC)
                .yiaddr(Ipv4Address.parse("127.42.0.10")).options(o).build();
        DhcpPacket back = DhcpPacketCodec.decode(DhcpPacketCodec.encode(p));
        assertThat(back).isEqualTo(p);
        assertThat(back.options().leaseSeconds()).hasValue(0xFFFFFFFFL);
        assertThat(back.options().renewalSeconds()).hasValue(1800);
        assertThat(back.options().rebindingSeconds()).hasValue(3150);
        assertThat(back.options().routers()).hasSize(2);
        assertThat(back.options().dnsServers()).containsExactly(Ipv4Address.parse("127.42.0.3"));
        assertThat(back.options().message()).contains("all good");
        assertThat(back.messageType()).contains(DhcpMessageType.ACK);
    }

    @Test
    void longOptionIsSplitAndJoinedAgain() throws Exception {
        byte[] big = new byte[600];
        Arrays.fill(big, (byte) 7);
        DhcpPacket p = DhcpPacket.builder().hardwareAddress(MAC).options(DhcpOptions.empty()
                .withMessageType(DhcpMessageType.INFORM).with(224, big)).build();
        DhcpPacket back = DhcpPacketCodec.decode(DhcpPacketCodec.encode(p));
        assertThat(back.options().get(224)).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    }

    @Test
    void rejectsShortPackets() {
        assertThatThrownBy(() -> DhcpPacketCodec.decode(new byte[239]))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("239 bytes")
                .hasMessageContaining("240");
    }

    @Test
    void rejectsOversizedPackets() {
        byte[] wire = Arrays.copyOf(DhcpPacketCodec.encode(sample()), 1501);
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("1501 bytes");
    }

    @Test
    void rejectsWrongMagicCookie() {
        byte[] wire = DhcpPacketCodec.encode(sample());
        wire[236] = 0;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("magic cookie");
    }

    @Test
    void rejectsOptionRunningPastTheEnd() {
        byte[] wire = new byte[244];
        wire[0] = 1;
        wire[236] = 0x63; wire[237] = (byte) 0x82; wire[238] = 0x53; wire[239] = 0x63;
        wire[240] = 51; wire[241] = 4; wire[242] = 0; wire[243] = 0;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("option 51")
                .hasMessageContaining("declares 4 bytes but only 2 remain");
    }

    @Test
    void rejectsMissingEnd() {
        byte[] wire = new byte[243];
        wire[0] = 1;
        wire[236] = 0x63; wire[237] = (byte) 0x82; wire[238] = 0x53; wire[239] = 0x63;
        wire[240] = 53; wire[241] = 1; wire[242] = 1;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("END");
    }

    @Test
    void rejectsWrongLengthForFixedOptions() {
        byte[] wire = DhcpPacketCodec.encode(DhcpPacket.builder().hardwareAddress(MAC)
                .options(DhcpOptions.empty().withMessageType(DhcpMessageType.DISCOVER)).build());
        // Rewrite option 53 (at 240) to claim 2 bytes; the next byte (END) becomes its value, then padding.
        wire[241] = 2;
        wire[244] = (byte) 255;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("option 53")
                .hasMessageContaining("1 byte");
    }

    @Test
    void refusesOptionOverload() {
        byte[] wire = new byte[244];
        wire[0] = 1;
        wire[236] = 0x63; wire[237] = (byte) 0x82; wire[238] = 0x53; wire[239] = 0x63;
        wire[240] = 52; wire[241] = 1; wire[242] = 3; wire[243] = (byte) 255;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("option 52");
    }

    @Test
    void rejectsMalformedRelayAgentInfo() {
        byte[] wire = DhcpPacketCodec.encode(DhcpPacket.builder().hardwareAddress(MAC).options(DhcpOptions.empty()
                .withMessageType(DhcpMessageType.DISCOVER).with(82, new byte[] {1, 3, 'A', '/', '3'})).build());
        // Option 53 sits at 240..242, option 82 at 243 (length at 244), its sub-option 1 length at 246.
        wire[246] = 9; // sub-option 1 now claims 9 bytes of a 5-byte option
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("option 82");
    }

    @Test
    void rejectsBadOpAndHlen() {
        byte[] wire = DhcpPacketCodec.encode(sample());
        wire[0] = 9;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire)).hasMessageContaining("op is 9");
        byte[] wire2 = DhcpPacketCodec.encode(sample());
        wire2[2] = 17;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire2)).hasMessageContaining("hlen is 17");
    }

    @Test
    void randomGarbageNeverThrowsAnythingButMalformed() {
        java.util.Random r = new java.util.Random(42);
        byte[] valid = DhcpPacketCodec.encode(sample());
        for (int i = 0; i < 5000; i++) {
            byte[] b = valid.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                b[240 + r.nextInt(b.length - 240)] = (byte) r.nextInt(256);
            }
            try {
                DhcpPacketCodec.decode(b);
            } catch (MalformedPacketException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void optionsRefuseBadValuesWhenSet() {
        assertThatThrownBy(() -> DhcpOptions.empty().with(50, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4-byte address");
        assertThatThrownBy(() -> DhcpOptions.empty().with(255, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("END");
    }
}
