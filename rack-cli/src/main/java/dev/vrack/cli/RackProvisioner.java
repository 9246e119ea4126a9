package dev.vrack.cli;

import dev.vrack.common.MemoryCardFile;
import dev.vrack.common.StateLayout;
import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.CartridgeKind;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.LicenseConfig;
import dev.vrack.config.RackConfig;
import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.vendor.EncryptionSelection;
import dev.vrack.vendor.Vendor;
import dev.vrack.vendor.VendorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code rack up} does before it starts anything: gives the rack whatever it is missing, playing each party
 * of the seed in turn. The authority issues a hardware key for each chassis with a USB key and registers each
 * application; the software provider encrypts the sample application and writes a card for each app cartridge;
 * the authority issues each configured license for the management chassis's key and the provider forwards it to
 * the NAS folder. Existing files are kept, so card IDs, keys and licenses stay the same across restarts.
 */
final class RackProvisioner {

    static final String PROVIDER = "vrack-samples";

    private final RackConfig config;
    private final StateLayout layout;
    private final Vendor vendor = new Vendor();

    RackProvisioner(RackConfig config, StateLayout layout) {
        this.config = config;
        this.layout = layout;
    }

    void provision() throws IOException {
        try (ProvisioningAuthority authority = new ProvisioningAuthority(layout)) {
            hardwareKeys(authority);
            for (String app : applicationsOnCards()) {
                bundle(authority, app);
            }
            cards();
            licenses(authority);
        } catch (SealedFormatException | VendorException e) {
            throw new CliException(e.getMessage());
        }
    }

    private void hardwareKeys(ProvisioningAuthority authority) throws IOException {
        for (ChassisConfig chassis : config.chassis()) {
            if (chassis.usbKey().isEmpty()) {
                continue;
            }
            String usbKey = chassis.usbKey().get();
            Path image = layout.keyImage(usbKey);
            if (Files.isRegularFile(image)) {
                continue;
            }
            if (usbKey.contains("/") || usbKey.endsWith(".hwkey")) {
                Files.createDirectories(image.getParent());
                Files.copy(fromConfigFolder(usbKey), image, StandardCopyOption.COPY_ATTRIBUTES);
            } else {
                DongleSecret dongle = DongleSecret.loadOrCreate(layout.dongleSecret());
                authority.get().issueHardwareKey(chassis.chassisId(), dongle, image);
            }
        }
    }

    /** The applications named by app cartridges' cards (not card files). */
    private Set<String> applicationsOnCards() {
        Set<String> apps = new LinkedHashSet<>();
        for (ChassisConfig chassis : config.chassis()) {
            for (CartridgeConfig cartridge : chassis.cartridges()) {
                if (cartridge.kind() == CartridgeKind.APP && cartridge.card().isPresent()
                        && !cartridge.card().get().endsWith(".card")) {
                    apps.add(cartridge.card().get());
                }
            }
        }
        return apps;
    }

    /** The provider's encryption key for an application, registering the application if needed. */
    private Path encryptionKey(ProvisioningAuthority authority, String app) throws IOException {
        Path key = layout.rackDir().resolve("vendor").resolve(app + ".vrappk");
        if (!Files.isRegularFile(key)) {
            Files.createDirectories(key.getParent());
            boolean registered = authority.get().applications().stream().anyMatch(a -> a.applicationId().equals(app));
            if (registered) {
                authority.get().writeEncryptionKey(app, key);
            } else {
                authority.get().registerApplication(app, PROVIDER, "Virtual Rack samples", key);
            }
        }
        return key;
    }

    private Path bundle(ProvisioningAuthority authority, String app) throws IOException {
        Path bundle = layout.rackDir().resolve("vendor").resolve(app + ".vrappb");
        if (!Files.isRegularFile(bundle)) {
            Path jar = SampleApplications.jar(app);
            Path keyFile = encryptionKey(authority, app);
            ApplicationEncryptionKey key = ApplicationEncryptionKey.read(keyFile, authorityPublicKey());
            vendor.encryptApplication(jar, EncryptionSelection.classFiles(), key, bundle);
        }
        return bundle;
    }

    private void cards() throws IOException {
        for (ChassisConfig chassis : config.chassis()) {
            for (CartridgeConfig cartridge : chassis.cartridges()) {
                Path target = layout.cardFor(chassis.name(), cartridge.slot());
                if (Files.isRegularFile(target)) {
                    continue;
                }
                String card = cartridge.card().orElse("");
                if (card.endsWith(".card")) {
                    MemoryCardFile.write(target, MemoryCardFile.read(fromConfigFolder(card)));
                } else if (cartridge.kind() == CartridgeKind.APP) {
                    vendor.writeCard(card, layout.rackDir().resolve("vendor").resolve(card + ".vrappb"), target);
                } else {
                    MemoryCardFile.write(target, CardProvisioner.newCard(cartridge.kind(), card));
                }
            }
        }
    }

    private void licenses(ProvisioningAuthority authority) throws IOException {
        List<LicenseConfig> licenses = config.licenses();
        for (int i = 0; i < licenses.size(); i++) {
            LicenseConfig license = licenses.get(i);
            String name = "rack-" + (i + 1) + "-" + license.app() + ".lic";
            if (Files.isRegularFile(layout.nasDir().resolve(name))) {
                continue;
            }
            encryptionKey(authority, license.app());
            Set<String> chassisIds = new LinkedHashSet<>();
            license.chassis().forEach(c -> config.chassis(c).ifPresent(cc -> chassisIds.add(cc.chassisId())));
            Path outbox = layout.rackDir().resolve("vendor").resolve("outbox").resolve(name);
            Files.createDirectories(outbox.getParent());
            authority.get().issueLicense(license.app(), license.count(), managementKeyId(), chassisIds,
                    Duration.ofDays(license.days()), Map.of(), outbox);
            vendor.forwardLicense(outbox, layout.nasDir());
            Files.deleteIfExists(outbox);
        }
    }

    /** The ID of the hardware key in the management chassis's USB port: the licenses are sealed to it. */
    private String managementKeyId() throws IOException {
        ChassisConfig chassis = config.managementChassis().orElseThrow(() -> new CliException(
                "rack " + config.name() + " has licenses but no management cartridge to serve them; add one"));
        String usbKey = chassis.usbKey().orElseThrow(() -> new CliException("the licenses of rack " + config.name()
                + " need a hardware key in the USB port of chassis " + chassis.name()
                + " (the management cartridge's chassis); add usbKey to it"));
        return HardwareKeyImage.readPublic(layout.keyImage(usbKey), authorityPublicKey()).keyId();
    }

    private PublicKey authorityPublicKey() throws SealedFormatException {
        return AuthorityPublicKeyFile.read(layout.authorityPublicKey());
    }

    private Path fromConfigFolder(String path) {
        Path given = Path.of(path);
        if (given.isAbsolute() || config.source() == null || config.source().toAbsolutePath().getParent() == null) {
            return given;
        }
        return config.source().toAbsolutePath().getParent().resolve(given);
    }
}
