package dev.vrack.cli;

import dev.vrack.common.StateLayout;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.SealedFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Gives every chassis that has a USB key in its definition a hardware key image in the state folder:
 * a copy of the image the definition names, or a key issued for the chassis by the rack's authority.
 *
 * <p>When the rack has no authority yet, one is created for it; its private key is kept (encrypted) only
 * when {@code RACK_AUTHORITY_PASSPHRASE} is set, since a passphrase written next to the key would protect
 * nothing. Without it the authority lives for this provisioning run only, and the rack keeps its public key.
 */
final class KeyProvisioner {

    static final String PASSPHRASE_ENV = "RACK_AUTHORITY_PASSPHRASE";

    private final RackConfig config;
    private final StateLayout layout;
    private AuthorityKeys authority;

    KeyProvisioner(RackConfig config, StateLayout layout) {
        this.config = config;
        this.layout = layout;
    }

    void provision() throws IOException {
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
                Path source = config.source().toAbsolutePath().getParent().resolve(usbKey);
                Files.createDirectories(image.getParent());
                Files.copy(source, image, StandardCopyOption.COPY_ATTRIBUTES);
            } else {
                DongleSecret dongle = DongleSecret.loadOrCreate(layout.dongleSecret());
                HardwareKeyImage.issue(authority(), chassis.chassisId(), dongle, image);
            }
        }
    }

    private AuthorityKeys authority() throws IOException {
        if (authority != null) {
            return authority;
        }
        String passphrase = System.getenv(PASSPHRASE_ENV);
        if (Files.isRegularFile(layout.authorityPublicKey())) {
            if (passphrase == null || !Files.isRegularFile(layout.authorityPrivateKey())) {
                throw new CliException("a hardware key of rack " + config.name() + " is missing, and the authority"
                        + " that issued its keys is not available to issue another.\n  hint: set " + PASSPHRASE_ENV
                        + " if its private key is in " + layout.authorityPrivateKey() + ", or remove "
                        + layout.authorityDir() + " and " + layout.keysDir() + " to provision the rack afresh");
            }
            try {
                authority = AuthorityKeys.readPrivateKey(layout.authorityPrivateKey(), passphrase.toCharArray());
            } catch (SealedFormatException e) {
                throw new CliException(e.getMessage());
            }
            return authority;
        }
        authority = AuthorityKeys.generate();
        Files.createDirectories(layout.authorityDir());
        authority.writePublicKey(layout.authorityPublicKey());
        if (passphrase != null && !passphrase.isEmpty()) {
            authority.writePrivateKey(layout.authorityPrivateKey(), passphrase.toCharArray());
        }
        return authority;
    }
}
