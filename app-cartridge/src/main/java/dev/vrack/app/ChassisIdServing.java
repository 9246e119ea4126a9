package dev.vrack.app;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.ChassisIdService;
import dev.vrack.dhcp.Lease;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * An app cartridge wired to the ID memory (slot 0) serves the chassis ID to the other slots of its chassis
 * (FIG. 28, chassis 800), on its leased address, from the moment it has one.
 */
final class ChassisIdServing implements LanParticipant {

    private final CartridgeContext context;
    private final ChassisIdentity identity;
    private final int port;
    private volatile ChassisIdService service;

    ChassisIdServing(CartridgeContext context, ChassisIdentity identity, int port) {
        this.context = context;
        this.identity = identity;
        this.port = port;
    }

    @Override
    public synchronized void joined(Lease lease) {
        InetSocketAddress address = new InetSocketAddress(lease.ip().toString(), port);
        if (service != null && service.address().equals(address)) {
            return;
        }
        close();
        try {
            service = ChassisIdService.start(address, context.welcome().getChassis(), identity.chassisId(),
                    context.link());
        } catch (IOException e) {
            // The other slots of the chassis will say they cannot learn the ID; this cartridge itself can go on.
            System.err.println("app cartridge " + context.args().source() + ": " + e.getMessage());
        }
    }

    @Override
    public void lost(String reason) {
        // The service stays bound: with the link or address gone, nothing reaches it anyway.
    }

    @Override
    public void stop(Duration deadline) {
        close();
    }

    @Override
    public void powerCut() {
        close();
    }

    private synchronized void close() {
        ChassisIdService running = service;
        service = null;
        if (running != null) {
            running.close();
        }
    }
}
