package dev.vrack.app;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.CartridgeProgram;
import dev.vrack.cartridge.SlotLink;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.RackRuntime;
import dev.vrack.dhcp.DhcpClient;
import dev.vrack.dhcp.DhcpClientConfig;
import dev.vrack.dhcp.Lease;
import dev.vrack.proto.backplane.Welcome;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app cartridge's system programs: boot from the card, learn the chassis ID if the bus allows, get
 * an address by DHCP through the hub, keep the slot's status in step with the lease, serve the chassis ID
 * from slot 0, and run the license agent and the card's application once the address is there.
 */
public final class AppCartridge implements CartridgeProgram {

    private final List<LanParticipant> participants = new CopyOnWriteArrayList<>();
    private volatile DhcpClient client;
    private volatile SlotLink.Listener linkFollower;

    @Override
    public String kind() {
        return "app";
    }

    @Override
    public void boot(CartridgeContext context) throws Exception {
        MemoryCard card = AppCard.read(context.welcome());
        RackRuntime runtime = readRuntime(context);
        ChassisIdentity identity = ChassisIdentity.ask(context);
        SlotStatusReporter status = new SlotStatusReporter(context, card, identity);
        participants.add(status);
        if (context.welcome().getIoBus() && !identity.chassisId().isEmpty()) {
            participants.add(new ChassisIdServing(context, identity, runtime.licensing().chassisIdPort()));
        }
        if (card.getApplicationBundle().isEmpty()) {
            // A version 1 card: nothing to license or run; the cartridge still joins the LAN.
            System.err.println("app cartridge " + context.args().source() + ": the memory card carries no "
                    + "application bundle (a version 1 card); no application will run");
        } else {
            participants.add(new LicensingParticipant(context, card, identity, runtime.licensing(), status));
        }
        DhcpClient started = DhcpClient.start(clientConfig(context.welcome(), runtime), new DhcpClient.Listener() {
            @Override
            public void bound(Lease lease) {
                participants.forEach(p -> p.joined(lease));
            }

            @Override
            public void lost(String reason) {
                participants.forEach(p -> p.lost(reason));
            }
        }, context.events(), context.link(), context.time());
        client = started;
        SlotLink.Listener follower = up -> {
            if (up) {
                started.linkUp();
            } else {
                started.linkDown();
            }
        };
        linkFollower = follower;
        context.link().addListener(follower);
    }

    static DhcpClientConfig clientConfig(Welcome welcome, RackRuntime runtime) throws IOException {
        Ipv4Address hub;
        try {
            hub = Ipv4Address.parse(welcome.getHubHost());
        } catch (IllegalArgumentException e) {
            throw new IOException("the chassis gave a hub host that is not an IPv4 address: " + e.getMessage(), e);
        }
        if (!hub.isLoopback()) {
            throw new IOException("the chassis gave hub host " + hub + ", outside 127.0.0.0/8; the rack never sends "
                    + "off loopback");
        }
        if (welcome.getHubPort() < 1 || welcome.getHubPort() > 65535) {
            throw new IOException("the chassis gave hub port " + welcome.getHubPort() + "; expected 1..65535");
        }
        if (welcome.getMac().size() != 6) {
            throw new IOException("the chassis gave a MAC of " + welcome.getMac().size() + " bytes; expected 6");
        }
        return new DhcpClientConfig(welcome.getHubHost(), welcome.getHubPort(), welcome.getMac().toByteArray(),
                runtime.clientPort(), welcome.getChassis() + "-" + welcome.getSlot(), runtime.serverPort());
    }

    private static RackRuntime readRuntime(CartridgeContext context) throws IOException {
        try {
            return RackRuntime.read(context.layout().runtimeFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + context.layout().runtimeFile() + " (written by rack up): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void stop(CartridgeContext context, Duration deadline) {
        // The application and its seat first (stop, TerminateExecution), then the address.
        for (int i = participants.size() - 1; i >= 0; i--) {
            participants.get(i).stop(deadline);
        }
        DhcpClient running = detach(context);
        if (running != null) {
            running.release();
            running.close();
        }
    }

    @Override
    public void powerCut(CartridgeContext context) {
        participants.forEach(LanParticipant::powerCut);
        DhcpClient running = detach(context);
        if (running != null) {
            running.close();
        }
    }

    private DhcpClient detach(CartridgeContext context) {
        SlotLink.Listener follower = linkFollower;
        if (follower != null) {
            context.link().removeListener(follower);
        }
        DhcpClient running = client;
        client = null;
        return running;
    }
}
