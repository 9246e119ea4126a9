package dev.vrack.bench;

import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.LicenseTerms;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.keychain.UsbKeyDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reproduces what the load harness found: one thread opening one valid license and wrapping its key, over and
 * over, as the dongle does per grant; counts the openings refused with "signature does not verify". Run it with
 * the default JIT and with {@code -XX:TieredStopAtLevel=1} (how the rack's processes run) to compare.
 * Usage: {@code LicenseOpenLoop [ITERATIONS]} (default 20000).
 */
public final class LicenseOpenLoop {

    private LicenseOpenLoop() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("vrack-open-loop-");
        AuthorityKeys authority = AuthorityKeys.generate();
        DongleSecret secret = DongleSecret.create(dir.resolve("dongle.secret"));
        IssuedHardwareKey key = HardwareKeyImage.issue(authority, "CHASSIS-1", secret, dir.resolve("k.hwkey"));
        byte[] license = ExecutionLicense.issue(authority, key, new LicenseTerms(List.of("CHASSIS-1"), "www", 5,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), Map.of()),
                ApplicationKeyPair.generate("www").decryptionKey(), Clock.systemUTC());
        byte[] original = license.clone();
        byte[] agentKey = AgentKeyPair.generate().publicKey();
        int refused = 0;
        int first = -1;
        try (UsbKeyDevice device = UsbKeyDevice.insert(dir.resolve("k.hwkey"), authority.publicKey(), secret)) {
            for (int i = 0; i < iterations; i++) {
                try {
                    OpenedLicense opened = device.openLicense(license, "license", "CHASSIS-1", Instant.now());
                    ApplicationDecryptionKey appKey = device.unwrapApplicationKey(opened);
                    AgentKeyPair.wrap(appKey, agentKey);
                    appKey.destroy();
                } catch (SealedFormatException e) {
                    refused++;
                    if (first < 0) {
                        first = i;
                        System.out.println("first refusal at iteration " + i + ": " + e.getMessage()
                                + " (license bytes unchanged: " + Arrays.equals(license, original) + ")");
                    }
                }
            }
        }
        System.out.printf("%d of %d openings of a valid license refused (JVM: %s)%n", refused, iterations,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
