package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.config.DhcpSettings;
import dev.vrack.dhcp.DhcpServer;
import dev.vrack.dhcp.DhcpServerConfig;

/** The rack's DHCP server, on the management cartridge's address, behind the slot's link. */
final class DhcpService implements ManagementService {

    /** How long an offered address stays set aside for the client that was offered it. */
    static final long OFFER_HOLD_MS = 10_000;

    private final ManagementSetting setting;
    private volatile DhcpServer server;

    DhcpService(ManagementSetting setting) {
        this.setting = setting;
    }

    @Override
    public String name() {
        return "dhcp-server";
    }

    @Override
    public void start(CartridgeContext context) throws Exception {
        server = DhcpServer.start(config(setting), context.events(), context.link(), context.time());
    }

    static DhcpServerConfig config(ManagementSetting setting) {
        DhcpSettings dhcp = setting.rack().dhcp();
        return new DhcpServerConfig(dhcp.server(), setting.runtime().serverPort(), setting.runtime().clientPort(),
                setting.rack().subnet(), dhcp.poolStart(), dhcp.poolEnd(), dhcp.leaseSeconds(),
                DhcpReservations.of(setting.rack()), setting.layout().leaseFile(), dhcp.server(), OFFER_HOLD_MS);
    }

    @Override
    public void stop() {
        DhcpServer running = server;
        if (running != null) {
            running.close();
            server = null;
        }
    }
}
