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
 * Gives every configured cartridge its memory card image in the state folder: a copy of the card file the
 * rack definition names, or a new card for the named application. Existing cards are kept, so a card's ID
 * stays the same across restarts of the rack.
 */
final class CardProvisioner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CardProvisioner() {
    }

    static void provision(RackConfig config, StateLayout layout) throws IOException {
        for (ChassisConfig chassis : config.chassis()) {
            for (CartridgeConfig cartridge : chassis.cartridges()) {
                Path target = layout.cardFor(chassis.name(), cartridge.slot());
                if (Files.isRegularFile(target)) {
                    continue;
                }
                String card = cartridge.card().orElse("");
                if (card.endsWith(".card")) {
                    Path source = resolve(config, card);
                    MemoryCardFile.write(target, MemoryCardFile.read(source));
                } else {
                    MemoryCardFile.write(target, newCard(cartridge.kind(), card));
                }
            }
        }
    }

    private static Path resolve(RackConfig config, String card) {
        Path path = Path.of(card);
        if (path.isAbsolute() || config.source() == null || config.source().getParent() == null) {
            return path;
        }
        return config.source().getParent().resolve(path);
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
