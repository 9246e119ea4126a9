package dev.vrack.cli;

import dev.vrack.authority.Authority;
import dev.vrack.authority.AuthorityException;
import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The license issuance authority that {@code rack up} uses to provision what a rack is missing.
 *
 * <p>With {@code RACK_AUTHORITY_PASSPHRASE} set, it is a lasting authority in the rack's {@code authority/}
 * folder (its private key and database encrypted under that passphrase), able to issue more keys and licenses
 * later. Without it, a one-time authority lives in a temporary folder for this provisioning run only, under a
 * random passphrase that is never written anywhere; the rack keeps just its public key, the trust anchor of its
 * chassis. That is the secure default: no secret of the authority is left on disk in a form anyone could open.
 */
final class ProvisioningAuthority implements AutoCloseable {

    static final String PASSPHRASE_ENV = "RACK_AUTHORITY_PASSPHRASE";

    private final StateLayout layout;
    private Authority authority;
    private Path temporary;

    ProvisioningAuthority(StateLayout layout) {
        this.layout = layout;
    }

    /** The authority, opened or created on first use. */
    Authority get() throws IOException {
        if (authority == null) {
            authority = open();
        }
        return authority;
    }

    private Authority open() throws IOException {
        String passphrase = System.getenv(PASSPHRASE_ENV);
        Path lasting = layout.authorityDir();
        boolean hasDatabase = Files.exists(lasting.resolve("authority.mv.db"));
        try {
            if (passphrase != null && !passphrase.isEmpty()) {
                return hasDatabase ? Authority.open(lasting, passphrase.toCharArray())
                        : Authority.init(lasting, passphrase.toCharArray());
            }
        } catch (AuthorityException e) {
            throw new CliException(e.getMessage());
        }
        if (hasDatabase || Files.exists(layout.authorityPublicKey())) {
            throw new CliException("rack provisioning needs the authority that issued this rack's keys and licenses,"
                    + " and it is not available.\n  hint: set " + PASSPHRASE_ENV + " if the rack's authority was created"
                    + " with one, or remove " + layout.authorityDir() + ", " + layout.keysDir() + ", "
                    + layout.cardsDir() + " and " + layout.nasDir() + " to provision the rack afresh");
        }
        temporary = Files.createTempDirectory(layout.rackDir(), ".authority-");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Authority oneTime = Authority.init(temporary.resolve("authority"), HexFormat.of().formatHex(secret).toCharArray());
        Files.createDirectories(layout.authorityDir());
        Files.copy(oneTime.folder().publicKey(), layout.authorityPublicKey(), StandardCopyOption.REPLACE_EXISTING);
        return oneTime;
    }

    @Override
    public void close() throws IOException {
        if (authority != null) {
            authority.close();
        }
        if (temporary != null) {
            try (Stream<Path> files = Files.walk(temporary)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
