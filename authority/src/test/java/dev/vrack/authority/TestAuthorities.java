package dev.vrack.authority;

import dev.vrack.keychain.DongleSecret;
import java.io.IOException;
import java.nio.file.Path;

/** Shared set-up: an authority with one hardware key and one application. */
final class TestAuthorities {

    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    private TestAuthorities() {
    }

    record Fixture(Authority authority, DongleSecret dongle, Path keyImage, HardwareKeyRecord key) {
    }

    static Fixture withKeyAndApp(Path dir, java.time.Clock clock) throws IOException {
        Authority authority = Authority.init(dir.resolve("authority"), PASSPHRASE, clock);
        DongleSecret dongle = DongleSecret.create(dir.resolve("keys/dongle.secret"));
        Path image = dir.resolve("keys/a.hwkey");
        HardwareKeyRecord key = authority.issueHardwareKey("CHASSIS-A-0001", dongle, image);
        authority.registerApplication("www", "Acme Software", "Acme Software Ltd, 1 Main St, account 12-34",
                dir.resolve("vendor/www.vrappk"));
        return new Fixture(authority, dongle, image, key);
    }
}
