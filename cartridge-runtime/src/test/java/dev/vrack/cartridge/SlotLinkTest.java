package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.proto.backplane.LinkState;
import dev.vrack.proto.backplane.LinkStateChanged;
import dev.vrack.proto.backplane.Welcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SlotLinkTest {

    @Test
    void isDownUntilTheWelcomeSaysUp() {
        SlotLink link = new SlotLink();
        assertThat(link.allowsTraffic()).isFalse();

        link.welcomed(Welcome.newBuilder().setLink(LinkState.UP).build());

        assertThat(link.allowsTraffic()).isTrue();
    }

    @Test
    void followsPushesAndTellsListenersOnlyOfChanges() {
        SlotLink link = new SlotLink();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        link.addListener(seen::add);

        link.welcomed(Welcome.newBuilder().setLink(LinkState.UP).build());
        link.linkStateChanged(LinkStateChanged.newBuilder().setLink(LinkState.UP).build());
        link.linkStateChanged(LinkStateChanged.newBuilder().setLink(LinkState.DOWN).build());
        link.linkStateChanged(LinkStateChanged.newBuilder().setLink(LinkState.DOWN).build());
        link.linkStateChanged(LinkStateChanged.newBuilder().setLink(LinkState.UP).build());

        assertThat(seen).containsExactly(true, false, true);
        assertThat(link.isUp()).isTrue();
    }

    @Test
    void treatsAnUnknownStateAsDown() {
        SlotLink link = new SlotLink();
        link.set(LinkState.UP);
        link.set(LinkState.LINK_STATE_UNSPECIFIED);
        assertThat(link.allowsTraffic()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        SlotLink link = new SlotLink();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        link.addListener(up -> {
            throw new IllegalStateException("boom");
        });
        link.addListener(seen::add);

        link.set(LinkState.UP);

        assertThat(seen).containsExactly(true);
        assertThat(link.allowsTraffic()).isTrue();
    }
}
