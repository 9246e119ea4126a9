package dev.vrack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.RackRuntime;
import dev.vrack.dhcp.DhcpClientConfig;
import dev.vrack.proto.backplane.Welcome;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCardTest {

    @TempDir
    Path dir;

    private Welcome welcome(String cardPath) {
        return Welcome.newBuilder().setChassis("A").setSlot(3).setCardPath(cardPath).setHubHost("127.42.0.254")
                .setHubPort(40000).setMac(ByteString.copyFrom(new byte[] {2, 0, 0, 0, 0, 3})).build();
    }

    @Test
    void readsAnAppCard() throws IOException {
        Path file = dir.resolve("A-3.card");
        MemoryCardFile.write(file, MemoryCard.newBuilder().setCardId("C1").setKind("app").setApplicationId("www")
                .build());

        assertThat(AppCard.read(welcome(file.toString())).getApplicationId()).isEqualTo("www");
    }

    @Test
    void explainsAMissingCard() {
        assertThatThrownBy(() -> AppCard.read(welcome("")))
                .hasMessageContaining("slot A/3 has no memory card");
        assertThatThrownBy(() -> AppCard.read(welcome(dir.resolve("nope.card").toString())))
                .hasMessageContaining("cannot boot from the memory card in slot A/3");
    }

    @Test
    void refusesGarbageAndManagementCards() throws IOException {
        Path garbage = dir.resolve("garbage.card");
        Files.writeString(garbage, "this is not a card");
        assertThatThrownBy(() -> AppCard.read(welcome(garbage.toString())))
                .hasMessageContaining("cannot boot from the memory card in slot A/3");

        Path management = dir.resolve("m.card");
        MemoryCardFile.write(management, MemoryCard.newBuilder().setCardId("M").setKind("management").build());
        assertThatThrownBy(() -> AppCard.read(welcome(management.toString())))
                .hasMessageContaining("is a 'management' card");
    }

    @Test
    void buildsTheDhcpClientFromTheWelcome() throws IOException {
        RackRuntime runtime = new RackRuntime(1067, 1068, Map.of(), List.of(), 5000);

        DhcpClientConfig config = AppCartridge.clientConfig(welcome(""), runtime);

        assertThat(config.hubHost()).isEqualTo("127.42.0.254");
        assertThat(config.hubPort()).isEqualTo(40000);
        assertThat(config.clientPort()).isEqualTo(1068);
        assertThat(config.serverPort()).isEqualTo(1067);
        assertThat(config.mac()).containsExactly(2, 0, 0, 0, 0, 3);
    }

    @Test
    void refusesAHubOffLoopback() {
        RackRuntime runtime = new RackRuntime(1067, 1068, Map.of(), List.of(), 5000);
        assertThatThrownBy(() -> AppCartridge.clientConfig(welcome("").toBuilder().setHubHost("192.168.1.1").build(),
                runtime)).hasMessageContaining("outside 127.0.0.0/8");
    }
}
