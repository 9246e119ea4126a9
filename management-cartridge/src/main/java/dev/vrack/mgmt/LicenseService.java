package dev.vrack.mgmt;

import dev.vrack.cartridge.BackplaneListener;
import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.common.RackRuntime;
import dev.vrack.license.LeasePolicy;
import dev.vrack.license.LicenseManagerCore;
import dev.vrack.mgmt.license.BackplaneDongle;
import dev.vrack.mgmt.license.Dongle;
import dev.vrack.mgmt.license.LicenseManager;
import dev.vrack.mgmt.license.LicenseMetrics;
import dev.vrack.mgmt.license.LicenseServer;
import dev.vrack.mgmt.license.ManagerHttpServer;
import dev.vrack.mgmt.license.NasWatcher;
import dev.vrack.mgmt.license.TestFaults;
import dev.vrack.proto.backplane.UsbKeyChanged;
import dev.vrack.proto.backplane.UsbKeyInfo;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The license manager (issue 4): the license server for the agents, the NAS watcher, the USB key as the
 * chassis reports it, the clock, and the HTTP side (metrics, seats, admin release), all on the DHCP
 * server's address. The dongle is the one in the chassis's USB port, asked over the backplane.
 */
final class LicenseService implements ManagementService {

    /** How long the NAS watcher waits for the dongle to open one file. */
    private static final long DONGLE_TIMEOUT_MS = 5_000;

    private final ManagementSetting setting;
    private final UnaryOperator<String> environment;
    private LicenseManager manager;
    private LicenseServer server;
    private NasWatcher nas;
    private ManagerHttpServer http;

    LicenseService(ManagementSetting setting, UnaryOperator<String> environment) {
        this.setting = setting;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "license-manager";
    }

    @Override
    public void start(CartridgeContext context) throws Exception {
        RackRuntime.Licensing licensing = setting.runtime().licensing();
        String address = setting.rack().dhcp().server().toString();
        // Test-only defects (issue 5's "deliberately broken manager"); an unknown name stops the boot.
        var faults = TestFaults.parse(environment.apply(TestFaults.VARIABLE));
        LicenseManagerCore core = new LicenseManagerCore(setting.chassisId(),
                new LeasePolicy(licensing.leaseTtlMs(), licensing.safetyMarginMs(), licensing.keyGraceMs()), faults);
        Dongle dongle = new BackplaneDongle(context.backplane());
        LicenseMetrics metrics = new LicenseMetrics();
        manager = new LicenseManager(core, dongle, context.events(), metrics, context.time());
        nas = new NasWatcher(setting.layout().nasDir(), dongle, context.events(), manager::licensesLoaded,
                DONGLE_TIMEOUT_MS);
        context.backplane().addListener(new BackplaneListener() {
            @Override
            public void usbKeyChanged(UsbKeyChanged change) {
                keyIs(change.getKey());
            }
        });
        manager.start();
        server = LicenseServer.start(new InetSocketAddress(address, licensing.licensePort()), manager, context.link());
        http = ManagerHttpServer.start(new InetSocketAddress(address, licensing.metricsPort()), manager, metrics);
        dongle.readKey().whenComplete((key, error) -> {
            if (error == null) {
                keyIs(key);
            } else {
                context.events().emit("usb.changed", Map.of("attached", false, "keyId", "", "chassisId", "",
                        "reason", "cannot read the USB key: " + error.getMessage()));
                manager.keyUnreadable();
            }
        });
        nas.start();
    }

    private void keyIs(UsbKeyInfo key) {
        if (key.getAttached()) {
            manager.keyAttached(key.getKeyId(), key.getChassisId());
        } else {
            manager.keyDetached();
        }
        // Licenses open only through the key in the port: with another key (or none) they are read again.
        nas.invalidate();
    }

    @Override
    public void stop() {
        if (http != null) {
            http.close();
        }
        if (manager != null) {
            manager.beginClose();
        }
        if (server != null) {
            server.close();
        }
        if (nas != null) {
            nas.close();
        }
        if (manager != null) {
            manager.close();
        }
    }
}
