package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of DHCP (RFC 2131 section 4.3) as pure logic: requests in, answers out, time
 * passed in as epoch milliseconds. Every change to a binding is written to the {@link LeaseStore}.
 * Not thread-safe; the transport serialises calls.
 */
public final class LeaseEngine {

    /** How long a declined address stays out of the pool (RFC 2131 leaves it to the server). */
    public static final long DECLINE_HOLD_MS = 10 * 60_000L;

    private final DhcpServerConfig config;
    private final LeaseStore store;
    private final Map<Ipv4Address, LeaseRecord> byIp = new HashMap<>();
    private final Map<String, Ipv4Address> byClient = new HashMap<>();
    private final Map<Ipv4Address, String> reservedFor = new HashMap<>();
    private long poolExhausted;

    public LeaseEngine(DhcpServerConfig config, LeaseStore store) {
        this.config = config;
        this.store = store;
        config.reservations().forEach((circuit, ip) -> reservedFor.put(ip, circuit));
        for (LeaseRecord r : store.load()) {
            if (config.subnet().contains(r.ip())) {
                put(r);
            }
        }
    }

    public DhcpServerConfig config() {
        return config;
    }

    public long poolExhaustedCount() {
        return poolExhausted;
    }

    public Optional<LeaseRecord> lease(Ipv4Address ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    public List<LeaseRecord> leases() {
        return new ArrayList<>(byIp.values());
    }

    /** The identity the server keys bindings on: option 61 if present, else htype and chaddr (RFC 2131 4.2). */
    public static String clientId(DhcpPacket p) {
        Optional<byte[]> id = p.options().clientId();
        if (id.isPresent()) {
            return HexFormat.of().formatHex(id.get());
        }
        return String.format("%02x", p.htype()) + HexFormat.of().formatHex(p.hardwareAddress());
    }

    /**
     * Handles one request that arrived from {@code source}:{@code sourcePort} at {@code nowMs}.
     */
    public EngineResult handle(DhcpPacket request, Ipv4Address source, int sourcePort, long nowMs) {
        if (request.op() != DhcpPacket.BOOTREQUEST) {
            return EngineResult.ignored("a BOOTREPLY was sent to the server port");
        }
        Optional<DhcpMessageType> type = request.messageType();
        if (type.isEmpty()) {
            return EngineResult.ignored("no DHCP message type (option 53); plain BOOTP is not served");
        }
        return switch (type.get()) {
            case DISCOVER -> discover(request, source, sourcePort, nowMs);
            case REQUEST -> request(request, source, sourcePort, nowMs);
            case DECLINE -> decline(request, nowMs);
            case RELEASE -> release(request, nowMs);
            case INFORM -> inform(request, source, sourcePort);
            default -> EngineResult.ignored("a " + type.get() + " is a server message; clients do not send it");
        };
    }

    // ---- message handlers ----

    private EngineResult discover(DhcpPacket req, Ipv4Address src, int srcPort, long now) {
        String client = clientId(req);
        String circuit = circuit(req);
        Ipv4Address reserved = circuit == null ? null : config.reservations().get(circuit);
        Ipv4Address chosen = null;
        Ipv4Address existing = byClient.get(client);
        if (existing != null && (reserved == null || reserved.equals(existing)) && canBind(existing, client, circuit, now)) {
            chosen = existing;
        } else if (reserved != null) {
            // The fixed address belongs to the slot, not to a cartridge: a new cartridge in the slot takes it
            // over even if the previous one's lease has not run out (the old one was pulled).
            chosen = reserved;
        } else {
            Optional<Ipv4Address> requested = req.options().requestedIp();
            if (requested.isPresent() && canBind(requested.get(), client, circuit, now)) {
                chosen = requested.get();
            } else {
                chosen = nextFree(client, now);
            }
        }
        if (chosen == null) {
            poolExhausted++;
            return EngineResult.exhausted();
        }
        LeaseRecord current = byIp.get(chosen);
        boolean alreadyBound = current != null && current.clientId().equals(client)
                && current.state() == LeaseState.BOUND && current.isActive(now);
        if (!alreadyBound) {
            put(new LeaseRecord(chosen, client, req.macText(), now + config.offerHoldMs(), LeaseState.OFFERED,
                    circuitOr(circuit, current)));
        }
        DhcpOptions options = leaseOptions(DhcpMessageType.OFFER);
        return route(req, reply(req, DhcpPacket.ZERO, chosen, options), src, srcPort, false);
    }

    private EngineResult request(DhcpPacket req, Ipv4Address src, int srcPort, long now) {
        String client = clientId(req);
        String circuit = circuit(req);
        Optional<Ipv4Address> serverId = req.options().serverId();
        Ipv4Address ip;
        if (serverId.isPresent()) {
            // SELECTING: the client chose an offer.
            if (!serverId.get().equals(config.serverId())) {
                Ipv4Address held = byClient.get(client);
                LeaseRecord r = held == null ? null : byIp.get(held);
                if (r != null && r.state() == LeaseState.OFFERED) {
                    byIp.remove(held);
                    byClient.remove(client);
                }
                return EngineResult.ignored("client chose server " + serverId.get());
            }
            Optional<Ipv4Address> requested = req.options().requestedIp();
            if (requested.isEmpty()) {
                return nak(req, src, srcPort, "REQUEST names this server but has no requested address (option 50)");
            }
            ip = requested.get();
        } else if (!req.ciaddr().isZero()) {
            // RENEWING (unicast) or REBINDING (relayed): extend the lease on ciaddr.
            ip = req.ciaddr();
        } else if (req.options().requestedIp().isPresent()) {
            // INIT-REBOOT: the client wants to keep the address it remembers.
            ip = req.options().requestedIp().get();
            if (!config.subnet().contains(ip)) {
                return nak(req, src, srcPort, ip + " is not on this network (" + config.subnet() + ")");
            }
        } else {
            return EngineResult.ignored("REQUEST has neither server id, ciaddr nor requested address");
        }
        if (!canBind(ip, client, circuit, now)) {
            return nak(req, src, srcPort, ip + " is not available to this client");
        }
        // Unknown clients asking for a free address (after a lost lease file, or a prober such as dhcping)
        // get it: the server is authoritative for its pool, and refusing a free address helps nobody.
        LeaseRecord previous = byIp.get(ip);
        LeaseRecord bound = new LeaseRecord(ip, client, req.macText(), now + config.leaseSeconds() * 1000,
                LeaseState.BOUND, circuitOr(circuit, previous));
        put(bound);
        store.save(bound);
        DhcpOptions options = leaseOptions(DhcpMessageType.ACK);
        return route(req, reply(req, req.ciaddr(), ip, options), src, srcPort, false);
    }

    private EngineResult decline(DhcpPacket req, long now) {
        Optional<Ipv4Address> ip = req.options().requestedIp();
        if (ip.isEmpty()) {
            return EngineResult.ignored("DECLINE without the declined address (option 50)");
        }
        LeaseRecord r = byIp.get(ip.get());
        String client = clientId(req);
        if (r == null || !r.clientId().equals(client)) {
            return EngineResult.ignored("DECLINE of " + ip.get() + ", which this client does not hold");
        }
        byClient.remove(client);
        LeaseRecord declined = new LeaseRecord(ip.get(), "", "", now + DECLINE_HOLD_MS, LeaseState.DECLINED, "");
        put(declined);
        store.save(declined);
        return EngineResult.silent();
    }

    private EngineResult release(DhcpPacket req, long now) {
        Optional<Ipv4Address> serverId = req.options().serverId();
        if (serverId.isPresent() && !serverId.get().equals(config.serverId())) {
            return EngineResult.ignored("RELEASE meant for server " + serverId.get());
        }
        LeaseRecord r = byIp.get(req.ciaddr());
        String client = clientId(req);
        if (r == null || !r.clientId().equals(client)) {
            return EngineResult.ignored("RELEASE of " + req.ciaddr() + ", which this client does not hold");
        }
        LeaseRecord released = new LeaseRecord(r.ip(), client, r.mac(), now, LeaseState.RELEASED, r.circuit());
        put(released);
        store.save(released);
        return EngineResult.silent();
    }

    private EngineResult inform(DhcpPacket req, Ipv4Address src, int srcPort) {
        // RFC 2131 4.3.5: configuration only, no address and no lease times.
        DhcpOptions options = DhcpOptions.empty().withMessageType(DhcpMessageType.ACK)
                .withServerId(config.serverId()).withSubnetMask(config.subnet().maskAddress());
        return route(req, reply(req, req.ciaddr(), DhcpPacket.ZERO, options), src, srcPort, false);
    }

    private EngineResult nak(DhcpPacket req, Ipv4Address src, int srcPort, String why) {
        DhcpOptions options = DhcpOptions.empty().withMessageType(DhcpMessageType.NAK)
                .withServerId(config.serverId()).withMessage(why);
        return route(req, reply(req, DhcpPacket.ZERO, DhcpPacket.ZERO, options), src, srcPort, true);
    }

    // ---- address bookkeeping ----

    /** Whether {@code ip} may be bound to {@code client} seen on {@code circuit} (null when not relayed). */
    private boolean canBind(Ipv4Address ip, String client, String circuit, long now) {
        if (!config.subnet().contains(ip) || ip.equals(config.serverId()) || ip.equals(config.subnet().network())
                || ip.equals(config.subnet().broadcast())) {
            return false;
        }
        if (circuit != null) {
            Ipv4Address mine = config.reservations().get(circuit);
            if (mine != null && !mine.equals(ip)) {
                return false;
            }
        }
        LeaseRecord r = byIp.get(ip);
        String owner = reservedFor.get(ip);
        if (owner != null) {
            // A fixed address goes to its slot; off the relay (renewals) only to whoever holds it now.
            boolean ownSlot = owner.equals(circuit);
            boolean holder = r != null && r.clientId().equals(client) && r.state() != LeaseState.DECLINED;
            return ownSlot || holder;
        }
        if (r != null && r.isActive(now) && !r.clientId().equals(client)) {
            return false;
        }
        if (r != null && r.clientId().equals(client) && r.state() != LeaseState.DECLINED) {
            return true;
        }
        return inPool(ip);
    }

    private boolean inPool(Ipv4Address ip) {
        return config.poolStart().compareTo(ip) <= 0 && ip.compareTo(config.poolEnd()) <= 0;
    }

    /** A free pool address: never-used ones first, so returning clients find their old address still free. */
    private Ipv4Address nextFree(String client, long now) {
        Ipv4Address reusable = null;
        for (long bits = config.poolStart().bits() & 0xffffffffL; bits <= (config.poolEnd().bits() & 0xffffffffL); bits++) {
            Ipv4Address ip = new Ipv4Address((int) bits);
            if (reservedFor.containsKey(ip) || ip.equals(config.serverId())) {
                continue;
            }
            LeaseRecord r = byIp.get(ip);
            if (r == null) {
                return ip;
            }
            if (reusable == null && (!r.isActive(now) || r.clientId().equals(client))) {
                reusable = ip;
            }
        }
        return reusable;
    }

    private void put(LeaseRecord r) {
        LeaseRecord old = byIp.put(r.ip(), r);
        if (old != null && !old.clientId().equals(r.clientId()) && r.ip().equals(byClient.get(old.clientId()))) {
            byClient.remove(old.clientId());
        }
        if (!r.clientId().isEmpty()) {
            Ipv4Address previous = byClient.put(r.clientId(), r.ip());
            if (previous != null && !previous.equals(r.ip())) {
                // A client holds one address at a time; an offer it never took is simply forgotten.
                LeaseRecord stale = byIp.get(previous);
                if (stale != null && stale.clientId().equals(r.clientId()) && stale.state() == LeaseState.OFFERED) {
                    byIp.remove(previous);
                }
            }
        }
    }

    // ---- building answers ----

    private static String circuit(DhcpPacket p) {
        return p.giaddr().isZero() ? null : p.options().relayAgentInfo().map(RelayAgentInfo::circuitId).orElse(null);
    }

    private static String circuitOr(String circuit, LeaseRecord previous) {
        if (circuit != null) {
            return circuit;
        }
        return previous == null ? "" : previous.circuit();
    }

    private DhcpOptions leaseOptions(DhcpMessageType type) {
        long lease = config.leaseSeconds();
        return DhcpOptions.empty().withMessageType(type).withServerId(config.serverId()).withLeaseSeconds(lease)
                .withRenewalSeconds(lease / 2).withRebindingSeconds(lease * 7 / 8)
                .withSubnetMask(config.subnet().maskAddress()).withBroadcastAddress(config.subnet().broadcast());
    }

    private static DhcpPacket reply(DhcpPacket req, Ipv4Address ciaddr, Ipv4Address yiaddr, DhcpOptions options) {
        Optional<byte[]> relayInfo = req.options().get(DhcpOptionCode.RELAY_AGENT_INFO);
        if (relayInfo.isPresent() && !req.giaddr().isZero()) {
            // RFC 3046 2.2: the server echoes option 82 unchanged, last, so the relay can route the answer.
            options = options.with(DhcpOptionCode.RELAY_AGENT_INFO, relayInfo.get());
        }
        return DhcpPacket.builder().op(DhcpPacket.BOOTREPLY).htype(req.htype()).hlen(req.hlen()).xid(req.xid())
                .flags(req.flags()).ciaddr(ciaddr).yiaddr(yiaddr).giaddr(req.giaddr()).chaddr(req.chaddr())
                .options(options).build();
    }

    /**
     * RFC 2131 4.1, on loopback: relayed -> giaddr:serverPort; else ciaddr:clientPort (not for a NAK);
     * else the request's own source, where a real server would broadcast. Nothing leaves 127.0.0.0/8.
     */
    private EngineResult route(DhcpPacket req, DhcpPacket reply, Ipv4Address src, int srcPort, boolean isNak) {
        Ipv4Address to;
        int port;
        if (!req.giaddr().isZero()) {
            to = req.giaddr();
            port = config.serverPort();
        } else if (!req.ciaddr().isZero() && !isNak) {
            to = req.ciaddr();
            port = config.clientPort();
        } else {
            to = src;
            port = srcPort;
        }
        if (!to.isLoopback()) {
            return EngineResult.ignored("refusing to answer " + to + ", outside 127.0.0.0/8");
        }
        return EngineResult.answer(new DhcpReply(reply, to, port));
    }
}
