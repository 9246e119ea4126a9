package dev.vrack.mgmt.license;

import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
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
import dev.vrack.license.TestFault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A license manager on real sockets for tests: authority, dongle secret and hardware key of chassis A
 * issued in a temp folder, keychain's dongle, the NAS watcher on {@code <rack>/nas}, the license server
 * and the HTTP side on 127.0.0.1 with ephemeral ports.
 */
final class LicenseFixture implements AutoCloseable {

    static final String CHASSIS_ID = "CHASSIS-A-TEST";

    final StateLayout layout;
    final AuthorityKeys authority = AuthorityKeys.generate();
    final DongleSecret secret;
    final IssuedHardwareKey hardwareKey;
    final ApplicationKeyPair www = ApplicationKeyPair.generate("www");
    final LocalUsbKeyDongle dongle = new LocalUsbKeyDongle(CHASSIS_ID);
    final EventLog events;
    final LicenseManager manager;
    final LicenseServer server;
    final ManagerHttpServer http;
    final NasWatcher nas;

    LicenseFixture(Path dir, LeasePolicy policy) throws IOException {
        this(dir, policy, TimeSource.SYSTEM, Set.of(), true);
    }

    /**
     * @param time   the manager's clock (a test may step its wall clock)
     * @param faults test faults of the core
     * @param bootNow read the key and start the NAS watcher now; else the test calls {@link #boot} later
     */
    LicenseFixture(Path dir, LeasePolicy policy, TimeSource time, Set<TestFault> faults, boolean bootNow)
            throws IOException {
        layout = new StateLayout(dir.resolve("rack"));
        Files.createDirectories(layout.keysDir());
        Files.createDirectories(layout.nasDir());
        secret = DongleSecret.create(layout.dongleSecret());
        hardwareKey = HardwareKeyImage.issue(authority, CHASSIS_ID, secret, layout.keyImage("hwkey-A"));
        attachKey();
        events = EventLog.open(layout.cartridgeEvents("A", 0), "A/0", TimeSource.SYSTEM);
        LicenseMetrics metrics = new LicenseMetrics();
        manager = new LicenseManager(new LicenseManagerCore(CHASSIS_ID, policy, faults), dongle, events, metrics, time);
        manager.start();
        nas = new NasWatcher(layout.nasDir(), dongle, events, manager::licensesLoaded, 5_000);
        if (bootNow) {
            boot();
        }
        server = LicenseServer.start(new InetSocketAddress("127.0.0.1", 0), manager);
        http = ManagerHttpServer.start(new InetSocketAddress("127.0.0.1", 0), manager, metrics);
    }

    /** The manager's boot reads: the key in the port, then the NAS watcher's first scan. */
    void boot() {
        manager.keyAttached(hardwareKey.keyId(), CHASSIS_ID);
        nas.start();
    }

    void attachKey() throws IOException {
        dongle.attach(UsbKeyDevice.insert(layout.keyImage("hwkey-A"), authority.publicKey(), secret));
    }

    /** Issues a www license for chassis A with this count and writes it to the NAS as {@code name}. */
    Path writeLicense(String name, int count) throws IOException {
        return writeLicense(name, "www", count);
    }

    Path writeLicense(String name, String app, int count) throws IOException {
        ApplicationKeyPair keys = app.equals("www") ? www : ApplicationKeyPair.generate(app);
        byte[] sealed = ExecutionLicense.issue(authority, hardwareKey, new LicenseTerms(List.of(CHASSIS_ID), app, count,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), Map.of()), keys.decryptionKey(),
                Clock.systemUTC());
        Path file = layout.nasDir().resolve(name);
        // Written aside and moved in, as an operator's copy would land whole.
        Path temp = layout.nasDir().resolve(name + ".tmp");
        Files.write(temp, sealed);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    InetSocketAddress address() {
        return server.address();
    }

    List<Event> events(String type) {
        return EventReader.readFile(layout.cartridgeEvents("A", 0)).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() {
        http.close();
        server.close();
        nas.close();
        manager.close();
        dongle.close();
        events.close();
    }
}
