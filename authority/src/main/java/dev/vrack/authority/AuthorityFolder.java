package dev.vrack.authority;

import java.nio.file.Path;

/**
 * Where an authority keeps its files. The key file names match a rack's {@code <state>/<rack>/authority/}
 * folder, so an authority initialized there adopts the key pair {@code rack up} created.
 */
public record AuthorityFolder(Path dir) {

    public AuthorityFolder {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The public key: the trust anchor every rack of this authority holds. */
    public Path publicKey() {
        return dir.resolve("authority.pub");
    }

    /** The Ed25519 private key, encrypted under the passphrase (mode 600). */
    public Path privateKey() {
        return dir.resolve("authority.key");
    }

    /** The H2 database's base name (H2 adds {@code .mv.db}). */
    public Path databaseBase() {
        return dir.resolve("authority");
    }

    /** The H2 database file itself. */
    public Path databaseFile() {
        return dir.resolve("authority.mv.db");
    }

    /** The bearer token software providers present to the HTTP service (mode 600). */
    public Path providerToken() {
        return dir.resolve("provider-token");
    }
}
