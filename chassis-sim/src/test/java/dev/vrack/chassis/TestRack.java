package dev.vrack.chassis;

import dev.vrack.common.JavaProcess;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.config.ConfigException;
import dev.vrack.config.RackConfig;
import dev.vrack.config.RackConfigLoader;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a rack state folder for tests: rack.yml, runtime.json, control-token, card images, authority and key. */
final class TestRack {

    static final String TOKEN = "test-token-0123456789";

    final StateLayout layout;
    final String subnetPrefix;
    final AuthorityKeys authority = AuthorityKeys.generate();
    final DongleSecret dongle;
    /** The key rack.yml puts in chassis A's USB port ({@code usbKey: hwkey-A}). */
    final IssuedHardwareKey usbKey;

    /**
     * @param subnetPrefix e.g. {@code 127.78.0.} (a /24 used by this test only)
     * @param configuredSlots the cartridges seated at start in chassis A (slot 0: management, others: app)
     */
    TestRack(Path dir, String subnetPrefix, long gracefulMs, int... configuredSlots) throws IOException {
        this.layout = new StateLayout(dir.resolve("testrack"));
        this.subnetPrefix = subnetPrefix;
        StringBuilder yaml = new StringBuilder()
                .append("name: testrack\n")
                .append("subnet: ").append(subnetPrefix).append("0/24\n")
                .append("chassis:\n")
                .append("  - name: A\n")
                .append("    chassisId: CHASSIS-A-TEST\n")
                .append("    slots: 8\n")
                .append("    usbKey: hwkey-A\n");
        if (configuredSlots.length > 0) {
            yaml.append("    cartridges:\n");
            for (int slot : configuredSlots) {
                // Slot 0 holds the management cartridge: the rack file must have one.
                String kind = slot == 0 ? "management" : "app";
                yaml.append("      - slot: ").append(slot).append("\n        kind: ").append(kind).append('\n');
                if (slot != 0) {
                    yaml.append("        card: www\n");
                }
                card("A-" + slot, kind, "plain");
            }
        }
        Files.createDirectories(layout.rackDir());
        authority.writePublicKey(layout.authorityPublicKey());
        dongle = DongleSecret.create(layout.dongleSecret());
        usbKey = HardwareKeyImage.issue(authority, "CHASSIS-A-TEST", dongle, layout.keyImage("hwkey-A"));
        Files.writeString(layout.rackFile(), yaml);
        List<String> jvm = new ArrayList<>(JavaProcess.SMALL_JVM);
        jvm.add("-Dtestcart.ipPrefix=" + subnetPrefix);
        new RackRuntime(1067, 1068, Map.of("app", TestCartridgeMain.class.getName(),
                "management", TestCartridgeMain.class.getName()), jvm, gracefulMs).write(layout.runtimeFile());
        Files.writeString(layout.controlTokenFile(), TOKEN + "\n");
    }

    /** Writes {@code cards/<name>.card}; the test cartridge reads its behaviour from the label. */
    Path card(String name, String kind, String label) throws IOException {
        Path file = layout.cardsDir().resolve(name + ".card");
        MemoryCardFile.write(file, MemoryCard.newBuilder().setCardId("CARD-" + name).setKind(kind)
                .setApplicationId(kind.equals("app") ? "www" : "").setLabel(label).build());
        return file;
    }

    RackConfig config() throws ConfigException {
        return RackConfigLoader.load(layout.rackFile());
    }

    /** Starts chassis A in this JVM. */
    Chassis startChassis() throws IOException, ConfigException {
        RackConfig rack = config();
        return Chassis.start(new Chassis.Settings(layout, rack, rack.chassis("A").orElseThrow(),
                RackRuntime.read(layout.runtimeFile()), TOKEN, new KeychainUsbKeyInserter(layout.authorityPublicKey(), layout.dongleSecret()), TimeSource.SYSTEM));
    }
}
