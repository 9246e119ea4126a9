package dev.vrack.cli;

import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.StateLayout;
import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.CartridgeKind;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the memory card of a management cartridge (or of an application without a bundle): a fresh read-only card
 * ID and the system programs' manifest.
 */
final class CardProvisioner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CardProvisioner() {
    }

    /** A fresh card for an application (or the management system programs), with a random read-only ID. */
    static MemoryCard newCard(CartridgeKind kind, String application) {
        boolean management = kind == CartridgeKind.MANAGEMENT;
        return MemoryCard.newBuilder()
                .setCardId("CARD-" + HexFormat.of().formatHex(randomBytes(6)).toUpperCase())
                .setKind(management ? "management" : "app")
                .setApplicationId(management ? "" : application)
                .addAllSystemPrograms(management
                        ? List.of("os", "dhcp-server", "license-manager", "nas-watcher")
                        : List.of("os", "dhcp-client", "license-agent"))
                .setLabel(management ? "management cartridge" : "application " + application)
                .build();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
