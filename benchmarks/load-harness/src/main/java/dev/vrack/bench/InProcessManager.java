package dev.vrack.bench;

import dev.vrack.common.EventLog;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.LicenseTerms;
import dev.vrack.keychain.UsbKeyDevice;
import dev.vrack.license.LeasePolicy;
import dev.vrack.license.LicenseManagerCore;
import dev.vrack.mgmt.license.LicenseManager;
import dev.vrack.mgmt.license.LocalUsbKeyDongle;
import dev.vrack.mgmt.license.LicenseMetrics;
import dev.vrack.mgmt.license.LicenseServer;
import dev.vrack.mgmt.license.NasWatcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The management cartridge's real license manager in the harness's process: a one-time authority, a hardware key
 * and dongle secret, keychain's emulated dongle, the NAS watcher, the Netty license server on 127.0.0.1, and the
 * licenses written to the NAS as the software provider would. Events go to a file like the cartridge's.
 */
final class InProcessManager implements AutoCloseable {

    static final String CHASSIS_ID = "CHASSIS-LOAD-0001";

    private final StateLayout layout;
    private final AuthorityKeys authority = AuthorityKeys.generate();
    private final IssuedHardwareKey hardwareKey;
    private final LocalUsbKeyDongle dongle;
    /** Completed per application when the NAS watcher hands a license of it to the manager. */
    private final Map<String, CompletableFuture<Void>> loaded = new ConcurrentHashMap<>();
    private final EventLog events;
    private final LicenseManager manager;
    private final NasWatcher nas;
    private final LicenseServer server;

    InProcessManager(Path dir, LeasePolicy policy) throws IOException {
        layout = new StateLayout(dir.resolve("rack"));
        Files.createDirectories(layout.keysDir());
        Files.createDirectories(layout.nasDir());
        DongleSecret secret = DongleSecret.create(layout.dongleSecret());
        hardwareKey = HardwareKeyImage.issue(authority, CHASSIS_ID, secret, layout.keyImage("hwkey-A"));
        dongle = new LocalUsbKeyDongle(CHASSIS_ID);
        dongle.attach(UsbKeyDevice.insert(layout.keyImage("hwkey-A"), authority.publicKey(), secret));
        events = EventLog.open(layout.cartridgeEvents("A", 0), "A/0", TimeSource.SYSTEM);
        manager = new LicenseManager(new LicenseManagerCore(CHASSIS_ID, policy), dongle, events, new LicenseMetrics(),
                TimeSource.SYSTEM);
        manager.start();
        manager.keyAttached(hardwareKey.keyId(), CHASSIS_ID);
        nas = new NasWatcher(layout.nasDir(), dongle, events, files -> {
            // Handed to the manager first: its loop takes the licenses before any request sent after the signal.
            manager.licensesLoaded(files);
            files.forEach(file -> loadedSignal(file.license().appId()).complete(null));
        }, 5_000);
        nas.start();
        server = LicenseServer.start(new InetSocketAddress("127.0.0.1", 0), manager);
    }

    /** Issues a license for {@code app} with {@code count} seats, puts it in the NAS and waits until it is loaded. */
    void license(String app, int count) throws IOException, InterruptedException {
        byte[] sealed = ExecutionLicense.issue(authority, hardwareKey, new LicenseTerms(List.of(CHASSIS_ID), app, count,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), Map.of()),
                ApplicationKeyPair.generate(app).decryptionKey(), Clock.systemUTC());
        Path temp = layout.nasDir().resolve(app + ".lic.tmp");
        Files.write(temp, sealed);
        Files.move(temp, layout.nasDir().resolve(app + ".lic"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        try {
            loadedSignal(app).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the license manager did not load the " + app + " license within 30 s");
        }
    }

    private CompletableFuture<Void> loadedSignal(String app) {
        return loaded.computeIfAbsent(app, a -> new CompletableFuture<>());
    }

    InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
        nas.close();
        manager.close();
        dongle.close();
        events.close();
    }
}
