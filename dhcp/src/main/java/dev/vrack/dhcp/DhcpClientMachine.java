package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The DHCP client of RFC 2131 section 4.4 (figure 5) as pure logic: events in (start, packet, timer,
 * link up, release), {@link ClientAction}s out, time passed in as epoch milliseconds. The transport
 * keeps one timer and calls {@link #onTimer} when it fires; a stale or early call is harmless.
 */
public final class DhcpClientMachine {

    /** Client states of RFC 2131 figure 5 (INIT-REBOOT for a client that remembers its address). */
    public enum State { INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING, INIT_REBOOT }

    /**
     * First retransmission delay. RFC 2131 4.1 suggests 4 s doubling to 64 s, sized for real networks;
     * on loopback a lost packet means a link that is down or a server that is restarting, so we retry
     * sooner and cap at 8 s to come back quickly once it is up again.
     */
    public static final long INITIAL_RETRANSMIT_MS = 500;
    public static final long MAX_RETRANSMIT_MS = 8_000;
    /** REQUESTs sent in REQUESTING or INIT-REBOOT before giving up on that exchange. */
    public static final int REQUEST_ATTEMPTS = 4;

    private static final int[] PARAMETERS = {DhcpOptionCode.SUBNET_MASK, DhcpOptionCode.ROUTER, DhcpOptionCode.DNS,
        DhcpOptionCode.BROADCAST, DhcpOptionCode.LEASE_TIME, DhcpOptionCode.SERVER_ID, DhcpOptionCode.RENEWAL_TIME,
        DhcpOptionCode.REBINDING_TIME};

    private final byte[] mac;
    private final String hostname;
    private final Random random;

    private State state = State.INIT;
    private boolean started;
    private boolean stopped;
    private int xid;
    private long acquisitionStartMs;
    private long retransmitDelayMs;
    private long nextSendAt;
    private int attempts;
    private long requestSentAt;
    private long restartAt;
    private Ipv4Address offeredIp;
    private Ipv4Address offeredServer;
    private Ipv4Address lastIp;
    private Lease lease;
    private long armedAt = Long.MAX_VALUE;

    /**
     * @param random source of transaction IDs and retransmission jitter; seed it for repeatable tests
     */
    public DhcpClientMachine(byte[] mac, String hostname, Random random) {
        if (mac == null || mac.length < 1 || mac.length > 16) {
            throw new IllegalArgumentException("a hardware address has 1..16 bytes (6 for Ethernet)");
        }
        this.mac = mac.clone();
        this.hostname = hostname == null ? "" : hostname;
        this.random = random;
    }

    public State state() {
        return state;
    }

    public Optional<Lease> lease() {
        return Optional.ofNullable(lease);
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Option 61 of this client: hardware type 1 and the MAC (RFC 2132 9.14). */
    public byte[] clientId() {
        byte[] id = new byte[mac.length + 1];
        id[0] = DhcpPacket.HTYPE_ETHERNET;
        System.arraycopy(mac, 0, id, 1, mac.length);
        return id;
    }

    /** INIT: start looking for a server. */
    public List<ClientAction> start(long now) {
        List<ClientAction> out = new ArrayList<>();
        if (started || stopped) {
            return out;
        }
        started = true;
        beginDiscovery(now, out);
        return finish(out);
    }

    public List<ClientAction> onPacket(DhcpPacket p, long now) {
        List<ClientAction> out = new ArrayList<>();
        if (!started || stopped || p.op() != DhcpPacket.BOOTREPLY || p.xid() != xid
                || !Arrays.equals(p.hardwareAddress(), mac) || p.messageType().isEmpty()) {
            return out;
        }
        DhcpMessageType type = p.messageType().get();
        switch (state) {
            case SELECTING -> {
                if (type == DhcpMessageType.OFFER && !p.yiaddr().isZero() && p.options().serverId().isPresent()) {
                    // The first offer wins: every offer on the rack comes from the one management cartridge.
                    offeredIp = p.yiaddr();
                    offeredServer = p.options().serverId().get();
                    state = State.REQUESTING;
                    resetBackoff();
                    requestSentAt = now;
                    sendRequest(now, out);
                }
            }
            case REQUESTING -> {
                if (!fromServer(p, offeredServer)) {
                    break;
                }
                if (type == DhcpMessageType.ACK) {
                    bind(p, offeredServer, now, ClientAction.BindKind.BOUND, out);
                } else if (type == DhcpMessageType.NAK) {
                    state = State.INIT;
                    restartAt = now + INITIAL_RETRANSMIT_MS;
                }
            }
            case RENEWING, REBINDING, INIT_REBOOT -> {
                if (state == State.RENEWING && !fromServer(p, lease.server())) {
                    break;
                }
                if (type == DhcpMessageType.ACK) {
                    ClientAction.BindKind kind = state == State.RENEWING ? ClientAction.BindKind.RENEWED
                            : state == State.REBINDING ? ClientAction.BindKind.REBOUND : ClientAction.BindKind.BOUND;
                    if (!p.yiaddr().equals(lease.ip())) {
                        kind = ClientAction.BindKind.BOUND;
                    }
                    bind(p, lease.server(), now, kind, out);
                } else if (type == DhcpMessageType.NAK) {
                    String why = p.options().message().map(m -> ": " + m).orElse("");
                    out.add(new ClientAction.Lost(lease, "server refused the lease (NAK)" + why, false));
                    lastIp = null;
                    lease = null;
                    beginDiscovery(now, out);
                }
            }
            default -> {
                // INIT and BOUND expect nothing; late duplicates are ignored.
            }
        }
        return finish(out);
    }

    public List<ClientAction> onTimer(long now) {
        List<ClientAction> out = new ArrayList<>();
        armedAt = Long.MAX_VALUE;
        if (!started || stopped) {
            return out;
        }
        switch (state) {
            case INIT -> {
                if (now >= restartAt) {
                    beginDiscovery(now, out);
                }
            }
            case SELECTING -> {
                if (now >= nextSendAt) {
                    sendDiscover(now, out);
                }
            }
            case REQUESTING -> {
                if (now >= nextSendAt) {
                    if (attempts >= REQUEST_ATTEMPTS) {
                        beginDiscovery(now, out);
                    } else {
                        sendRequest(now, out);
                    }
                }
            }
            case BOUND -> {
                if (now >= lease.expiresAtEpochMs()) {
                    expire(now, out);
                } else if (now >= lease.rebindAtEpochMs()) {
                    enterRebinding(now, out);
                } else if (now >= lease.renewAtEpochMs()) {
                    state = State.RENEWING;
                    xid = random.nextInt();
                    resetBackoff();
                    requestSentAt = now;
                    sendRequest(now, out);
                }
            }
            case RENEWING -> {
                if (now >= lease.expiresAtEpochMs()) {
                    expire(now, out);
                } else if (now >= lease.rebindAtEpochMs()) {
                    enterRebinding(now, out);
                } else if (now >= nextSendAt) {
                    sendRequest(now, out);
                }
            }
            case REBINDING -> {
                if (now >= lease.expiresAtEpochMs()) {
                    expire(now, out);
                } else if (now >= nextSendAt) {
                    sendRequest(now, out);
                }
            }
            case INIT_REBOOT -> {
                if (now >= lease.expiresAtEpochMs()) {
                    expire(now, out);
                } else if (now >= nextSendAt) {
                    if (attempts >= REQUEST_ATTEMPTS) {
                        // RFC 2131 3.2: without an answer the client may keep using its unexpired lease;
                        // the T1/T2 timers take it from here.
                        state = State.BOUND;
                    } else {
                        sendRequest(now, out);
                    }
                }
            }
            default -> {
            }
        }
        return finish(out);
    }

    /** The link came back: a bound client checks its address is still valid (INIT-REBOOT), others retry now. */
    public List<ClientAction> linkUp(long now) {
        List<ClientAction> out = new ArrayList<>();
        if (!started || stopped) {
            return out;
        }
        if (lease != null) {
            if (now >= lease.expiresAtEpochMs()) {
                expire(now, out);
            } else {
                state = State.INIT_REBOOT;
                xid = random.nextInt();
                acquisitionStartMs = now;
                resetBackoff();
                requestSentAt = now;
                sendRequest(now, out);
            }
        } else {
            beginDiscovery(now, out);
        }
        return finish(out);
    }

    /** Graceful stop: give the lease back (RELEASE, unicast to the server) and stop. */
    public List<ClientAction> release(long now) {
        List<ClientAction> out = new ArrayList<>();
        if (stopped) {
            return out;
        }
        stopped = true;
        if (lease != null) {
            DhcpOptions o = DhcpOptions.empty().withMessageType(DhcpMessageType.RELEASE)
                    .withServerId(lease.server()).withClientId(clientId());
            DhcpPacket p = base(random.nextInt(), now).ciaddr(lease.ip()).options(o).build();
            out.add(new ClientAction.Send(p, ClientAction.Route.UNICAST, lease.server()));
            out.add(new ClientAction.Released(lease));
            lease = null;
        }
        state = State.INIT;
        return out;
    }

    // ---- transitions ----

    private void beginDiscovery(long now, List<ClientAction> out) {
        state = State.SELECTING;
        xid = random.nextInt();
        acquisitionStartMs = now;
        offeredIp = null;
        offeredServer = null;
        resetBackoff();
        sendDiscover(now, out);
    }

    private void enterRebinding(long now, List<ClientAction> out) {
        state = State.REBINDING;
        xid = random.nextInt();
        resetBackoff();
        requestSentAt = now;
        sendRequest(now, out);
    }

    private void expire(long now, List<ClientAction> out) {
        out.add(new ClientAction.Lost(lease, "lease expired", true));
        lastIp = lease.ip();
        lease = null;
        beginDiscovery(now, out);
    }

    private void bind(DhcpPacket ack, Ipv4Address server, long now, ClientAction.BindKind kind, List<ClientAction> out) {
        Optional<Lease> granted = Lease.fromAck(ack, server, requestSentAt);
        if (granted.isEmpty()) {
            return; // an ACK without address or lease time is useless; keep retransmitting
        }
        lease = granted.get();
        lastIp = lease.ip();
        state = State.BOUND;
        out.add(new ClientAction.Bound(lease, kind));
    }

    private static boolean fromServer(DhcpPacket p, Ipv4Address server) {
        return p.options().serverId().map(id -> id.equals(server)).orElse(true);
    }

    // ---- packets ----

    private void sendDiscover(long now, List<ClientAction> out) {
        DhcpOptions o = DhcpOptions.empty().withMessageType(DhcpMessageType.DISCOVER).withClientId(clientId());
        if (lastIp != null) {
            o = o.withRequestedIp(lastIp); // ask for the old address back (RFC 2131 4.4.1 allows it)
        }
        o = common(o);
        out.add(new ClientAction.Send(base(xid, now).options(o).build(), ClientAction.Route.HUB, null));
        scheduleRetransmit(now);
    }

    private void sendRequest(long now, List<ClientAction> out) {
        DhcpOptions o = DhcpOptions.empty().withMessageType(DhcpMessageType.REQUEST).withClientId(clientId());
        DhcpPacket.Builder b = base(xid, now);
        ClientAction.Route route = ClientAction.Route.HUB;
        Ipv4Address to = null;
        switch (state) {
            case REQUESTING -> o = o.withRequestedIp(offeredIp).withServerId(offeredServer);
            case INIT_REBOOT -> o = o.withRequestedIp(lease.ip());
            case RENEWING -> {
                b.ciaddr(lease.ip());
                route = ClientAction.Route.UNICAST;
                to = lease.server();
            }
            case REBINDING -> b.ciaddr(lease.ip());
            default -> throw new IllegalStateException("no REQUEST in state " + state);
        }
        attempts++;
        out.add(new ClientAction.Send(b.options(common(o)).build(), route, to));
        scheduleRetransmit(now);
    }

    private DhcpOptions common(DhcpOptions o) {
        o = o.withParameterList(PARAMETERS).withMaxMessageSize(DhcpPacketCodec.MAX_LENGTH);
        return hostname.isEmpty() ? o : o.withHostname(hostname);
    }

    private DhcpPacket.Builder base(int id, long now) {
        long secs = Math.max(0, Math.min(0xffff, (now - acquisitionStartMs) / 1000));
        return DhcpPacket.builder().op(DhcpPacket.BOOTREQUEST).xid(id).secs((int) secs).hardwareAddress(mac);
    }

    // ---- timers ----

    private void resetBackoff() {
        attempts = 0;
        retransmitDelayMs = INITIAL_RETRANSMIT_MS;
    }

    private void scheduleRetransmit(long now) {
        double jitter = 0.75 + 0.5 * random.nextDouble(); // +-25 %, so clients that failed together spread out
        nextSendAt = now + Math.round(retransmitDelayMs * jitter);
        retransmitDelayMs = Math.min(MAX_RETRANSMIT_MS, retransmitDelayMs * 2);
    }

    private long deadline() {
        if (stopped || !started) {
            return Long.MAX_VALUE;
        }
        return switch (state) {
            case INIT -> restartAt;
            case SELECTING, REQUESTING -> nextSendAt;
            case INIT_REBOOT -> Math.min(nextSendAt, lease.expiresAtEpochMs());
            case BOUND -> lease.renewAtEpochMs();
            case RENEWING -> Math.min(nextSendAt, lease.rebindAtEpochMs());
            case REBINDING -> Math.min(nextSendAt, lease.expiresAtEpochMs());
        };
    }

    private List<ClientAction> finish(List<ClientAction> out) {
        long at = deadline();
        if (at != Long.MAX_VALUE && at != armedAt) {
            armedAt = at;
            out.add(new ClientAction.ArmTimer(at));
        }
        return out;
    }
}
