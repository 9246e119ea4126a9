package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.LinkCondition;
import dev.vrack.common.LinkConditionWire;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.Welcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SlotLinkConditionTest {

    @Test
    void aBlackholeKeepsTheCarrierSoNoListenerHearsOfIt() {
        SlotLink link = new SlotLink();
        link.welcomed(Welcome.newBuilder().setRack("r").setChassis("A").setSlot(3).setLink(LinkState.UP).build());
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        link.addListener(heard::add);
        link.linkStateChanged(LinkConditionWire.change(LinkCondition.BLACKHOLE));
        assertThat(heard).isEmpty();
        assertThat(link.carrier()).isTrue();
        assertThat(link.isUp()).isTrue();
        assertThat(link.allowsTraffic()).isFalse();
        assertThat(link.condition()).isEqualTo(LinkCondition.BLACKHOLE);
        link.linkStateChanged(LinkConditionWire.change(LinkCondition.impaired(200, 0, 5)));
        assertThat(link.allowsTraffic()).isTrue();
        assertThat(link.condition().delayMs()).isEqualTo(200);
        link.linkStateChanged(LinkConditionWire.change(LinkCondition.DOWN));
        link.linkStateChanged(LinkConditionWire.change(LinkCondition.UP));
        assertThat(heard).containsExactly(false, true);
    }

    @Test
    void theSeedIsStablePerSlot() {
        SlotLink a = new SlotLink();
        SlotLink b = new SlotLink();
        SlotLink other = new SlotLink();
        a.welcomed(Welcome.newBuilder().setRack("r").setChassis("A").setSlot(3).build());
        b.welcomed(Welcome.newBuilder().setRack("r").setChassis("A").setSlot(3).build());
        other.welcomed(Welcome.newBuilder().setRack("r").setChassis("A").setSlot(4).build());
        assertThat(a.seed()).isEqualTo(b.seed()).isNotEqualTo(other.seed());
    }

    @Test
    void theWelcomeCarriesTheImpairment() {
        SlotLink link = new SlotLink();
        link.welcomed(Welcome.newBuilder().setLink(LinkState.UP)
                .setLinkImpairment(LinkConditionWire.impairment(LinkCondition.BLACKHOLE)).build());
        assertThat(link.condition()).isEqualTo(LinkCondition.BLACKHOLE);
    }
}
