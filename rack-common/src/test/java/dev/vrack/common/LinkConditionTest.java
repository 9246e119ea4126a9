package dev.vrack.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.proto.backplane.LinkImpairment;
import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import org.junit.jupiter.api.Test;

class LinkConditionTest {

    @Test
    void carrierAndPassageOfEachState() {
        assertThat(LinkCondition.UP.carrier()).isTrue();
        assertThat(LinkCondition.UP.passes()).isTrue();
        assertThat(LinkCondition.BLACKHOLE.carrier()).isTrue();
        assertThat(LinkCondition.BLACKHOLE.passes()).isFalse();
        assertThat(LinkCondition.DOWN.carrier()).isFalse();
        assertThat(LinkCondition.DOWN.passes()).isFalse();
        assertThat(LinkCondition.State.parse("blackhole")).isEqualTo(LinkCondition.State.BLACKHOLE);
        assertThat(LinkCondition.State.parse("sideways")).isNull();
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> LinkCondition.impaired(60_001, 0, 0)).hasMessageContaining("delayMs must be from 0 to 60000");
        assertThatThrownBy(() -> LinkCondition.impaired(0, -1, 0)).hasMessageContaining("jitterMs");
        assertThatThrownBy(() -> LinkCondition.impaired(0, 0, 100.5)).hasMessageContaining("lossPercent");
        assertThatThrownBy(() -> new LinkCondition(LinkCondition.State.DOWN, 10, 0, 0))
                .hasMessageContaining("up link only");
    }

    @Test
    void eventDetailsNameOnlyWhatIsSet() {
        assertThat(LinkCondition.BLACKHOLE.details()).containsExactly(java.util.Map.entry("link", "blackhole"));
        assertThat(LinkCondition.impaired(200, 0, 10).details()).containsEntry("link", "up")
                .containsEntry("delayMs", 200L).containsEntry("lossPercent", 10.0).doesNotContainKey("jitterMs");
    }

    @Test
    void theWireKeepsTheOldMeaningOfTheCarrierField() {
        LinkStateChanged blackhole = LinkConditionWire.change(LinkCondition.BLACKHOLE);
        // A reader that knows only the carrier sees a cable, which a blackhole is.
        assertThat(blackhole.getLink()).isEqualTo(LinkState.UP);
        assertThat(LinkConditionWire.read(blackhole.getLink(), blackhole.getImpairment()))
                .isEqualTo(LinkCondition.BLACKHOLE);
        LinkCondition impaired = LinkCondition.impaired(250, 40, 12.5);
        LinkStateChanged wire = LinkConditionWire.change(impaired);
        assertThat(LinkConditionWire.read(wire.getLink(), wire.getImpairment())).isEqualTo(impaired);
        // An old chassis sends no impairment: a plain up link.
        assertThat(LinkConditionWire.read(LinkState.UP, LinkImpairment.getDefaultInstance())).isEqualTo(LinkCondition.UP);
        assertThat(LinkConditionWire.read(LinkState.DOWN, wire.getImpairment())).isEqualTo(LinkCondition.DOWN);
        assertThat(LinkConditionWire.read(LinkState.LINK_STATE_UNSPECIFIED, wire.getImpairment()))
                .isEqualTo(LinkCondition.DOWN);
    }
}
