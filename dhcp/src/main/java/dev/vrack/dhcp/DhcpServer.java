package dev.vrack.dhcp;

import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.LinkGate;
import dev.vrack.common.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * The DHCP server of the management cartridge: a MINA datagram acceptor on bindAddress:serverPort in
 * front of a {@link LeaseEngine}. Malformed packets are dropped, counted and reported as
 * {@code dhcp.dropped} events; nothing a client sends can stop it.
 */
public final class DhcpServer implements AutoCloseable {

    private final DhcpServerConfig config;
    private final EventLog events;
    private final LinkGate link;
    private final TimeSource time;
    private final LeaseStore store;
    private final LeaseEngine engine;
    private final DropReporter drops;
    private final NioDatagramAcceptor acceptor;
    private final java.util.concurrent.ExecutorService pool;
    /** Passes delayed datagrams on; idle unless the link is impaired. */
    private final java.util.concurrent.ScheduledExecutorService later;
    private final DatagramLink wire;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong linkDown = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    private DhcpServer(DhcpServerConfig config, EventLog events, LinkGate link, TimeSource time, LeaseStore store,
                       NioDatagramAcceptor acceptor, java.util.concurrent.ExecutorService pool) {
        this.config = config;
        this.events = events;
        this.link = link == null ? LinkGate.ALWAYS_UP : link;
        this.time = time;
        this.store = store;
        this.engine = new LeaseEngine(config, store);
        this.drops = new DropReporter(events);
        this.acceptor = acceptor;
        this.pool = pool;
        this.later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dhcp-server-link");
            t.setDaemon(true);
            return t;
        });
        this.wire = new DatagramLink(this.link, later, time::monoNanos, 0x5E7E7L);
    }

    /**
     * Opens the lease file, binds the socket and starts serving. With serverPort 0 a free port is
     * chosen; {@link #config()} then holds the real one.
     *
     * @param events where dhcp.* events go (source = the server's slot); null for none
     */
    public static DhcpServer start(DhcpServerConfig config, EventLog events, LinkGate link, TimeSource time) {
        LeaseStore store;
        List<String> warnings = List.of();
        if (config.leaseFile() != null) {
            LeaseFile file = LeaseFile.open(config.leaseFile());
            warnings = file.warnings();
            store = file;
        } else {
            store = new MemoryLeaseStore();
        }
        java.util.concurrent.ExecutorService pool = MinaExecutors.daemonPool("dhcp-server");
        NioDatagramAcceptor acceptor = new NioDatagramAcceptor(pool);
        acceptor.getSessionConfig().setReuseAddress(true);
        InetSocketAddress bind = new InetSocketAddress(config.bindAddress().toInetAddress(), config.serverPort());
        DhcpServerHandler handler = new DhcpServerHandler();
        acceptor.setHandler(handler);
        DhcpServer server;
        try {
            acceptor.bind(bind);
            int port = ((InetSocketAddress) acceptor.getLocalAddress()).getPort();
            server = new DhcpServer(config.withPorts(port, config.clientPort()), events, link, time, store, acceptor, pool);
            handler.attach(server);
        } catch (IOException e) {
            acceptor.dispose(false);
            pool.shutdown();
            store.close();
            throw new UncheckedIOException("cannot bind the DHCP server to " + bind + ": " + e.getMessage()
                    + " (ports below 1024 need root or net.ipv4.ip_unprivileged_port_start <= 67;"
                    + " otherwise use 1067/1068)", e);
        }
        for (String w : warnings) {
            server.drops.dropped(w, "lease file", time.monoNanos());
        }
        return server;
    }

    /** The configuration in force (with the real server port if 0 was asked for). */
    public DhcpServerConfig config() {
        return config;
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.bindAddress().toInetAddress(), config.serverPort());
    }

    public DhcpServerStats stats() {
        long exhausted;
        synchronized (engine) {
            exhausted = engine.poolExhaustedCount();
        }
        return new DhcpServerStats(received.get(), answered.get(), malformed.get(), linkDown.get(), exhausted,
                ignored.get());
    }

    /** A snapshot of the server's lease records. */
    public List<LeaseRecord> leases() {
        synchronized (engine) {
            return engine.leases();
        }
    }

    /**
     * Takes one datagram through the slot's link (lost, delayed or passed), processes it and hands the answer,
     * through the link again, to {@code send}.
     */
    void receive(byte[] data, InetSocketAddress from, java.util.function.Consumer<DhcpReply> send) {
        boolean arrived = wire.inbound(() -> process(data, from).ifPresent(reply -> {
            if (!wire.outbound(() -> send.accept(reply))) {
                linkDown.incrementAndGet();
            }
        }));
        if (!arrived) {
            received.incrementAndGet();
            linkDown.incrementAndGet();
        }
    }

    /** Decodes one datagram, runs the engine and says what to send back (called on the MINA I/O thread). */
    Optional<DhcpReply> process(byte[] data, InetSocketAddress from) {
        received.incrementAndGet();
        String fromText = from.getAddress().getHostAddress() + ":" + from.getPort();
        if (!link.allowsTraffic()) {
            linkDown.incrementAndGet();
            return Optional.empty();
        }
        DhcpPacket request;
        try {
            request = DhcpPacketCodec.decode(data);
        } catch (MalformedPacketException e) {
            malformed.incrementAndGet();
            drops.dropped("malformed: " + e.getMessage(), fromText, time.monoNanos());
            return Optional.empty();
        }
        EngineResult result;
        try {
            synchronized (engine) {
                result = engine.handle(request, Ipv4Address.fromInetAddress(from.getAddress()), from.getPort(),
                        time.now().toEpochMilli());
            }
        } catch (RuntimeException e) {
            // For example a lease file on a full disk: refuse this request, keep serving.
            ignored.incrementAndGet();
            drops.dropped("internal error: " + e.getMessage(), fromText, time.monoNanos());
            return Optional.empty();
        }
        request.messageType().ifPresent(type -> emit("dhcp." + type.eventName(), request, requestIp(request)));
        if (result.reply().isEmpty()) {
            if (result.ignoredReason() != null) {
                ignored.incrementAndGet();
                drops.dropped(result.ignoredReason(), fromText, time.monoNanos());
            }
            return Optional.empty();
        }
        DhcpReply reply = result.reply().get();
        if (!link.allowsTraffic()) {
            linkDown.incrementAndGet();
            return Optional.empty();
        }
        DhcpPacket answer = reply.packet();
        answer.messageType().ifPresent(type -> emit("dhcp." + type.eventName(), request,
                answer.yiaddr().isZero() ? answer.ciaddr() : answer.yiaddr()));
        answered.incrementAndGet();
        return Optional.of(reply);
    }

    void reportError(Throwable cause, Object remote) {
        drops.dropped("socket error: " + cause, String.valueOf(remote), time.monoNanos());
    }

    private static Ipv4Address requestIp(DhcpPacket p) {
        return p.options().requestedIp().orElse(p.ciaddr());
    }

    private void emit(String type, DhcpPacket request, Ipv4Address ip) {
        if (events == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mac", request.macText());
        details.put("ip", ip.isZero() ? "" : ip.toString());
        details.put("circuit", request.options().relayAgentInfo().map(RelayAgentInfo::circuitId).orElse(""));
        details.put("xid", String.format("0x%08x", request.xid()));
        events.emit(type, details);
    }

    @Override
    public void close() {
        later.shutdownNow();
        acceptor.unbind();
        acceptor.dispose(false);
        pool.shutdown();
        store.close();
    }
}
