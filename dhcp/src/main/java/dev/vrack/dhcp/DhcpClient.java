package dev.vrack.dhcp;

import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.LinkGate;
import dev.vrack.common.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DHCP client of an app cartridge: UDP sockets and one scheduler thread around a
 * {@link DhcpClientMachine}, which makes every decision. Messages without an address go to the
 * slot's hub from an ephemeral socket on 127.0.0.1; once bound, it binds leasedIp:clientPort for
 * unicast renewals. Honours the slot's {@link LinkGate} for everything sent and received.
 */
public final class DhcpClient implements AutoCloseable {

    /** Hears about the lease; called on the client's scheduler thread. */
    public interface Listener {
        /** A lease is in force: new, renewed or rebound (compare addresses to tell a change). */
        void bound(Lease lease);

        /** The lease is gone (expired or refused); the client is already looking for a new one. */
        void lost(String reason);
    }

    private static final long RELEASE_WAIT_MS = 2_000;

    private final DhcpClientConfig config;
    private final Listener listener;
    private final EventLog events;
    private final LinkGate link;
    private final TimeSource time;
    private final DhcpClientMachine machine;
    private final ScheduledExecutorService scheduler;
    private final DatagramChannel hubChannel;
    private final InetSocketAddress hubAddress;
    private final DropReporter drops;
    private final DatagramLink wire;
    private DatagramChannel unicastChannel;
    private Ipv4Address unicastIp;
    private ScheduledFuture<?> timer;
    private volatile Lease current;
    private volatile DhcpClientMachine.State state = DhcpClientMachine.State.INIT;

    private DhcpClient(DhcpClientConfig config, Listener listener, EventLog events, LinkGate link, TimeSource time,
                       DatagramChannel hubChannel) {
        this.config = config;
        this.listener = listener;
        this.events = events;
        this.link = link == null ? LinkGate.ALWAYS_UP : link;
        this.time = time;
        this.machine = new DhcpClientMachine(config.mac(), config.hostname(),
                new Random(System.nanoTime() ^ java.util.Arrays.hashCode(config.mac())));
        this.hubChannel = hubChannel;
        this.hubAddress = new InetSocketAddress(config.hubHost(), config.hubPort());
        this.drops = new DropReporter(events);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dhcp-client-" + DhcpPacket.macText(config.mac()));
            t.setDaemon(true);
            return t;
        });
        this.wire = new DatagramLink(this.link, scheduler, time::monoNanos, java.util.Arrays.hashCode(config.mac()));
    }

    /** Opens the client's hub socket and starts looking for a lease (DISCOVER). */
    public static DhcpClient start(DhcpClientConfig config, Listener listener, EventLog events, LinkGate link,
                                   TimeSource time) {
        DatagramChannel hub;
        try {
            hub = DatagramChannel.open();
            hub.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the DHCP client's socket on 127.0.0.1: " + e.getMessage(), e);
        }
        DhcpClient client = new DhcpClient(config, listener, events, link, time, hub);
        DatagramReceiver.start("dhcp-client-hub", hub, client::received);
        client.submit(() -> client.machine.start(client.now()));
        return client;
    }

    /** The slot's link came up: a bound client confirms its address (INIT-REBOOT), others retry at once. */
    public void linkUp() {
        submit(() -> machine.linkUp(now()));
    }

    /** The slot's link went down: nothing to do beyond what the gate already does (drop both ways). */
    public void linkDown() {
        // Timers keep running: a client whose link stays down loses its lease at expiry, as a real one would.
    }

    /** Graceful stop: sends RELEASE (if bound) and waits briefly for it to leave; the client then stays idle. */
    public void release() {
        try {
            scheduler.submit(() -> apply(machine.release(now()))).get(RELEASE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // The client is closing or stuck; the server will reclaim the address at lease expiry anyway.
        }
    }

    public Optional<Lease> currentLease() {
        return Optional.ofNullable(current);
    }

    public DhcpClientMachine.State state() {
        return state;
    }

    /** The address of the client's hub-side socket (where relayed answers come back). */
    public InetSocketAddress hubSideAddress() {
        try {
            return (InetSocketAddress) hubChannel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(hubChannel);
        closeQuietly(unicastChannel);
    }

    // ---- on the scheduler thread ----

    private void submit(java.util.function.Supplier<List<ClientAction>> step) {
        try {
            scheduler.execute(() -> apply(step.get()));
        } catch (RejectedExecutionException closed) {
            // Closed: late packets and timers have nowhere to go.
        }
    }

    private void received(byte[] data, InetSocketAddress from) {
        // Down, blackholed or lost: never arrived. Delayed: handled when it arrives.
        wire.inbound(() -> arrived(data, from));
    }

    private void arrived(byte[] data, InetSocketAddress from) {
        DhcpPacket packet;
        try {
            packet = DhcpPacketCodec.decode(data);
        } catch (MalformedPacketException e) {
            drops.dropped("malformed: " + e.getMessage(), from.getAddress().getHostAddress() + ":" + from.getPort(),
                    time.monoNanos());
            return;
        }
        submit(() -> machine.onPacket(packet, now()));
    }

    private void apply(List<ClientAction> actions) {
        for (ClientAction action : actions) {
            try {
                perform(action);
            } catch (RuntimeException e) {
                // One failed action (a listener that throws, a socket error) must not kill the client thread.
                drops.dropped("client action " + action.getClass().getSimpleName() + " failed: " + e,
                        "client", time.monoNanos());
            }
        }
        state = machine.state();
        current = machine.lease().orElse(null);
    }

    private void perform(ClientAction action) {
        if (action instanceof ClientAction.Send s) {
            send(s);
        } else if (action instanceof ClientAction.ArmTimer t) {
            if (timer != null) {
                timer.cancel(false);
            }
            long delay = Math.max(0, t.atEpochMs() - now());
            timer = scheduler.schedule(() -> apply(machine.onTimer(now())), delay, TimeUnit.MILLISECONDS);
        } else if (action instanceof ClientAction.Bound b) {
            current = b.lease();
            openUnicast(b.lease().ip());
            emit(switch (b.kind()) {
                case BOUND -> "dhcp.bound";
                case RENEWED -> "dhcp.renewed";
                case REBOUND -> "dhcp.rebound";
            }, b.lease(), null);
            listener.bound(b.lease());
        } else if (action instanceof ClientAction.Lost l) {
            current = null;
            closeUnicast();
            emit("dhcp.expired", l.lease(), l.reason());
            listener.lost(l.reason());
        } else if (action instanceof ClientAction.Released r) {
            current = null;
            closeUnicast();
            emit("dhcp.released", r.lease(), null);
        }
    }

    private void send(ClientAction.Send s) {
        // Cut, blackholed or lost: the machine's retransmission timer will retry.
        wire.outbound(() -> transmit(s));
    }

    private void transmit(ClientAction.Send s) {
        ByteBuffer data = ByteBuffer.wrap(DhcpPacketCodec.encode(s.packet()));
        try {
            if (s.route() == ClientAction.Route.HUB) {
                hubChannel.send(data, hubAddress);
            } else if (unicastChannel != null && s.to().isLoopback()) {
                unicastChannel.send(data, new InetSocketAddress(s.to().toInetAddress(), config.serverPort()));
            }
        } catch (IOException e) {
            drops.dropped("cannot send " + s.packet().messageType().orElse(null) + ": " + e.getMessage(),
                    "client", time.monoNanos());
        }
    }

    private void openUnicast(Ipv4Address ip) {
        if (unicastChannel != null && ip.equals(unicastIp)) {
            return;
        }
        closeUnicast();
        if (!ip.isLoopback()) {
            drops.dropped("leased address " + ip + " is outside 127.0.0.0/8; not binding it", "client",
                    time.monoNanos());
            return;
        }
        try {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(ip.toInetAddress(), config.clientPort()));
            unicastChannel = ch;
            unicastIp = ip;
            DatagramReceiver.start("dhcp-client-unicast", ch, this::received);
        } catch (IOException e) {
            // Renewals then fail and the client rebinds through the hub at T2: degraded, not broken.
            drops.dropped("cannot bind " + ip + ":" + config.clientPort() + " for renewals: " + e.getMessage(),
                    "client", time.monoNanos());
        }
    }

    private void closeUnicast() {
        closeQuietly(unicastChannel);
        unicastChannel = null;
        unicastIp = null;
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing a UDP socket cannot lose data.
            }
        }
    }

    private void emit(String type, Lease lease, String reason) {
        if (events == null || lease == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ip", lease.ip().toString());
        details.put("server", lease.server().toString());
        details.put("leaseSeconds", lease.leaseSeconds());
        if (reason != null) {
            details.put("reason", reason);
        }
        events.emit(type, details);
    }

    private long now() {
        return time.now().toEpochMilli();
    }
}
