package dev.vrack.app;

import dev.vrack.agent.AgentCore;
import dev.vrack.agent.AgentState;
import dev.vrack.agent.AgentTiming;
import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.ChassisIdException;
import dev.vrack.cartridge.ChassisIdLookup;
import dev.vrack.cartridge.SlotLink;
import dev.vrack.common.RackRuntime;
import dev.vrack.dhcp.Lease;
import dev.vrack.proto.backplane.Welcome;
import dev.vrack.proto.card.MemoryCard;
import dev.vrack.proto.license.AgentHello;
import dev.vrack.proto.license.LicenseProtocolVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * The app cartridge's licensing (FIG. 28, 31-34), started once the cartridge has an address: learn the chassis
 * ID (the ID memory, or the slot-0 cartridge), then run the license agent for the card's application against
 * the license manager, which is the DHCP server that granted the lease.
 */
final class LicensingParticipant implements LanParticipant {

    /** How long a slot off the I/O bus waits for slot 0 to serve the chassis ID before the boot fails. */
    static final Duration CHASSIS_ID_PATIENCE = Duration.ofSeconds(60);

    private final CartridgeContext context;
    private final MemoryCard card;
    private final ChassisIdentity identity;
    private final RackRuntime.Licensing licensing;
    private final SlotStatusReporter status;
    private volatile Thread starter;
    private volatile LicenseAgent agent;
    private volatile SlotLink.Listener linkFollower;
    private volatile boolean stopping;

    LicensingParticipant(CartridgeContext context, MemoryCard card, ChassisIdentity identity,
                         RackRuntime.Licensing licensing, SlotStatusReporter status) {
        this.context = context;
        this.card = card;
        this.identity = identity;
        this.licensing = licensing;
        this.status = status;
    }

    @Override
    public synchronized void joined(Lease lease) {
        if (starter != null || stopping) {
            // Renewals of the same lease; the agent keeps its connection.
            return;
        }
        // The chassis ID lookup may wait for slot 0: never on the DHCP client's thread.
        starter = new Thread(() -> begin(lease), "licensing-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void begin(Lease lease) {
        String chassisId;
        try {
            chassisId = chassisId(lease);
        } catch (ChassisIdException e) {
            context.fail("no chassis ID: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (stopping) {
                return;
            }
            agent = startAgent(lease, chassisId);
        }
    }

    private String chassisId(Lease lease) throws ChassisIdException, InterruptedException {
        if (!identity.chassisId().isEmpty()) {
            return identity.chassisId();
        }
        ChassisIdLookup lookup = new ChassisIdLookup(context.backplane(), context.welcome().getChassis(),
                licensing.chassisIdPort(), context.link(), address(lease));
        String learned = lookup.lookup(CHASSIS_ID_PATIENCE);
        status.identity(new ChassisIdentity(learned, "asked-slot-0"));
        return learned;
    }

    private LicenseAgent startAgent(Lease lease, String chassisId) {
        Welcome welcome = context.welcome();
        String appId = card.getApplicationId();
        long ttl = licensing.leaseTtlMs();
        AgentTiming timing = new AgentTiming(Math.max(1, ttl / 3), Math.max(1, ttl / 10), licensing.retryMs());
        AgentCore core = new AgentCore(appId, chassisId, timing);
        LicenseAgent started = new LicenseAgent(core, chassisId, context.events(),
                () -> context.time().monoNanos() / 1_000_000,
                (state, reason) -> status.license(state.name().toLowerCase(Locale.ROOT)));
        AgentHello hello = AgentHello.newBuilder().setVersion(LicenseProtocolVersion.LICENSE_PROTOCOL_VERSION_1)
                .setChassisId(chassisId).setChassis(welcome.getChassis()).setSlot(welcome.getSlot()).build();
        LicenseClient client = new LicenseClient(
                new InetSocketAddress(lease.server().toString(), licensing.licensePort()), address(lease), hello,
                context.link(), started, licensing.retryMs(), answerTimeoutMs(ttl));
        CartridgeAppContext appContext = new CartridgeAppContext(address(lease), welcome.getChassis(),
                welcome.getSlot(), chassisId, context.events(), started::permitted);
        ApplicationRuntime runtime = new ApplicationRuntime(appId, card.getApplicationBundle().toByteArray(),
                "the memory card in slot " + context.args().source(), appContext, context.events(),
                started::applicationFailed);
        started.attach(client, runtime);
        SlotLink.Listener follower = client::linkChanged;
        linkFollower = follower;
        context.link().addListener(follower);
        started.start();
        return started;
    }

    /**
     * How long the agent waits for an answer before it counts the manager unreachable: half a lease, so a
     * blackholed link is noticed (and retried) well within a lease, yet a slow link is not mistaken for one.
     */
    static long answerTimeoutMs(long leaseTtlMs) {
        return Math.max(1_000, leaseTtlMs / 2);
    }

    private static InetAddress address(Lease lease) {
        try {
            return InetAddress.getByName(lease.ip().toString());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a leased address is not an IP address: " + lease.ip(), e);
        }
    }

    @Override
    public void lost(String reason) {
        // The agent notices through its connection; the lease deadline protects the seat meanwhile.
    }

    @Override
    public void stop(Duration deadline) {
        LicenseAgent running = detach();
        if (running != null) {
            running.stop("cartridge stopping", Math.max(200, deadline.toMillis() * 6 / 10));
        }
    }

    @Override
    public void powerCut() {
        LicenseAgent running = detach();
        if (running != null) {
            running.close();
        }
    }

    private synchronized LicenseAgent detach() {
        stopping = true;
        Thread boot = starter;
        if (boot != null) {
            boot.interrupt();
        }
        SlotLink.Listener follower = linkFollower;
        if (follower != null) {
            context.link().removeListener(follower);
        }
        LicenseAgent running = agent;
        agent = null;
        return running;
    }

    /** The agent's state, for tests. */
    AgentState state() {
        LicenseAgent running = agent;
        return running == null ? AgentState.IDLE : running.state();
    }
}
