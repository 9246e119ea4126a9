package dev.vrack.keychain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3's benchmarks: bulk AES-256-GCM decryption of a 64 MiB bundle-sized buffer (JDK vs BouncyCastle),
 * opening (verify + decrypt) an execution license, and issuing one. Results: benchmarks/results/keychain.md.
 */
public class KeychainBenchmarks {

    static final int BUNDLE_SIZE = 64 * 1024 * 1024;

    /** A 64 MiB AES-256-GCM ciphertext, as in the largest application bundle. */
    @State(Scope.Benchmark)
    public static class Bulk {
        byte[] key = Aead.random(32);
        byte[] nonce = Aead.randomNonce();
        byte[] aad = "vrack/bundle/file/v1".getBytes();
        byte[] ciphertext;

        @Setup(Level.Trial)
        public void encrypt() {
            ciphertext = Aead.encrypt(key, nonce, Aead.random(BUNDLE_SIZE), aad);
        }
    }

    /** An authority, a hardware key in its emulated dongle and a license for it. */
    @State(Scope.Benchmark)
    public static class Licensing {
        AuthorityKeys authority = AuthorityKeys.generate();
        IssuedHardwareKey hardwareKey;
        UsbKeyDevice usbKey;
        ApplicationDecryptionKey applicationKey = ApplicationKeyPair.generate("www").decryptionKey();
        LicenseTerms terms;
        byte[] license;
        Instant now = Instant.now();

        @Setup(Level.Trial)
        public void issue() throws Exception {
            Path dir = Files.createTempDirectory("vrack-jmh");
            DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
            hardwareKey = HardwareKeyImage.issue(authority, "CHASSIS-A-0001", dongle, dir.resolve("A.hwkey"));
            usbKey = UsbKeyDevice.insert(dir.resolve("A.hwkey"), authority.publicKey(), dongle);
            terms = new LicenseTerms(List.of("CHASSIS-A-0001"), "www", 2, now.minusSeconds(60), now.plus(Duration.ofDays(30)),
                    Map.of());
            license = ExecutionLicense.issue(authority, hardwareKey, terms, applicationKey, Clock.systemUTC());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    public byte[] decrypt64MiBJdk(Bulk bulk) throws Exception {
        return Aead.decrypt(bulk.key, bulk.nonce, bulk.ciphertext, bulk.aad);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    public byte[] decrypt64MiBBouncyCastle(Bulk bulk) throws Exception {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(bulk.key), 128, bulk.nonce, bulk.aad));
        byte[] out = new byte[gcm.getOutputSize(bulk.ciphertext.length)];
        int length = gcm.processBytes(bulk.ciphertext, 0, bulk.ciphertext.length, out, 0);
        gcm.doFinal(out, length);
        return out;
    }

    /** What the license manager does per license file: signature, dongle decryption, chassis and period checks. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(1)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 2)
    public OpenedLicense licenseVerifyAndOpen(Licensing state) throws Exception {
        return ExecutionLicense.open(state.license, "bench.lic", state.usbKey, state.authority.publicKey(),
                "CHASSIS-A-0001", state.now);
    }

    /** The cryptographic core of Authority.issueLicense (without its H2 records). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Fork(1)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 2)
    public byte[] issueLicense(Licensing state) {
        return ExecutionLicense.issue(state.authority, state.hardwareKey, state.terms, state.applicationKey, Clock.systemUTC());
    }
}
