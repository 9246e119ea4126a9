package dev.vrack.dhcp;

import dev.vrack.common.EventLog;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * The DHCP relay of a chassis hub: one UDP port per slot on the hub address (what a client
 * "broadcasts" to), and the relay socket hubAddress:serverPort that talks to the server. The
 * rewriting is {@link RelayAgent}'s; this class only moves datagrams and honours each slot's link.
 */
public final class HubRelay implements AutoCloseable {

    private final RelayAgent agent;
    private final InetSocketAddress relayAddress;
    private final InetSocketAddress serverAddress;
    private final IntPredicate slotLinkUp;
    private final NioDatagramAcceptor acceptor;
    private final java.util.concurrent.ExecutorService pool;
    private final DropReporter drops;
    private final Map<Integer, Integer> slotByPort;
    private final InetSocketAddress[] slotAddresses;
    /** Where each slot's client last spoke from: the hub answers there, as a switch port would. */
    private final InetSocketAddress[] lastHeard;

    private HubRelay(RelayAgent agent, InetSocketAddress relayAddress, InetSocketAddress serverAddress,
                     IntPredicate slotLinkUp, NioDatagramAcceptor acceptor, EventLog events,
                     InetSocketAddress[] slotAddresses, java.util.concurrent.ExecutorService pool) {
        this.agent = agent;
        this.relayAddress = relayAddress;
        this.serverAddress = serverAddress;
        this.slotLinkUp = slotLinkUp;
        this.acceptor = acceptor;
        this.pool = pool;
        this.drops = new DropReporter(events);
        this.slotAddresses = slotAddresses;
        this.lastHeard = new InetSocketAddress[slotAddresses.length];
        this.slotByPort = new HashMap<>();
        for (int i = 0; i < slotAddresses.length; i++) {
            slotByPort.put(slotAddresses[i].getPort(), i);
        }
    }

    /**
     * Binds the relay socket hubAddress:serverPort and one ephemeral port per slot on hubAddress.
     *
     * @param slotLinkUp whether slot n's link carries traffic now
     * @param events     where dhcp.dropped events go; null for none
     */
    public static HubRelay start(RelayAgent agent, Ipv4Address hubAddress, int serverPort, Ipv4Address server,
                                 int slotCount, IntPredicate slotLinkUp, EventLog events) {
        if (!hubAddress.isLoopback() || !server.isLoopback()) {
            throw new IllegalArgumentException("hub " + hubAddress + " and server " + server
                    + " must both be inside 127.0.0.0/8");
        }
        if (slotCount < 1 || serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("need at least one slot and a server port 1..65535, got "
                    + slotCount + " slots and port " + serverPort);
        }
        java.util.concurrent.ExecutorService pool = MinaExecutors.daemonPool("hub-relay");
        NioDatagramAcceptor acceptor = new NioDatagramAcceptor(pool);
        acceptor.getSessionConfig().setReuseAddress(true);
        HubRelayHandler handler = new HubRelayHandler();
        acceptor.setHandler(handler);
        InetSocketAddress relayAddress = new InetSocketAddress(hubAddress.toInetAddress(), serverPort);
        InetSocketAddress[] slots = new InetSocketAddress[slotCount];
        try {
            acceptor.bind(relayAddress);
            for (int i = 0; i < slotCount; i++) {
                Set<SocketAddress> before = new HashSet<>(acceptor.getLocalAddresses());
                acceptor.bind(new InetSocketAddress(hubAddress.toInetAddress(), 0));
                Set<SocketAddress> after = new HashSet<>(acceptor.getLocalAddresses());
                after.removeAll(before);
                slots[i] = (InetSocketAddress) after.iterator().next();
            }
        } catch (IOException e) {
            acceptor.dispose(false);
            pool.shutdown();
            throw new UncheckedIOException("cannot bind the hub relay on " + hubAddress + " (relay port " + serverPort
                    + "): " + e.getMessage() + "; is another process using that address and port?", e);
        }
        HubRelay relay = new HubRelay(agent, relayAddress,
                new InetSocketAddress(server.toInetAddress(), serverPort), slotLinkUp, acceptor, events, slots, pool);
        handler.attach(relay);
        return relay;
    }

    /** The hub's UDP port for a slot: where a client in that slot sends what it would broadcast. */
    public int slotPort(int slot) {
        if (slot < 0 || slot >= slotAddresses.length) {
            throw new IllegalArgumentException("slot " + slot + " does not exist; this hub has slots 0.."
                    + (slotAddresses.length - 1));
        }
        return slotAddresses[slot].getPort();
    }

    public InetSocketAddress relayAddress() {
        return relayAddress;
    }

    void received(InetSocketAddress local, InetSocketAddress remote, byte[] data) {
        String from = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        if (local.equals(relayAddress)) {
            fromServer(from, data);
            return;
        }
        Integer slot = slotByPort.get(local.getPort());
        if (slot != null) {
            fromClient(slot, remote, from, data);
        }
    }

    private void fromClient(int slot, InetSocketAddress remote, String from, byte[] data) {
        if (!slotLinkUp.test(slot)) {
            return; // a cut cable: the packet never reached the hub, so there is nothing to report
        }
        DhcpPacket packet;
        try {
            packet = DhcpPacketCodec.decode(data);
        } catch (MalformedPacketException e) {
            drop("malformed from slot " + slot + ": " + e.getMessage(), from);
            return;
        }
        RelayOutcome outcome = agent.fromClient(slot, packet);
        if (outcome instanceof RelayOutcome.Drop d) {
            drop(d.reason(), from);
            return;
        }
        lastHeard[slot] = remote;
        send(relayAddress, serverAddress, ((RelayOutcome.Forward) outcome).packet());
    }

    private void fromServer(String from, byte[] data) {
        DhcpPacket packet;
        try {
            packet = DhcpPacketCodec.decode(data);
        } catch (MalformedPacketException e) {
            drop("malformed on the relay port: " + e.getMessage(), from);
            return;
        }
        RelayOutcome outcome = agent.fromServer(packet);
        if (outcome instanceof RelayOutcome.Drop d) {
            drop(d.reason(), from);
            return;
        }
        RelayOutcome.Forward f = (RelayOutcome.Forward) outcome;
        int slot = f.slot();
        if (slot >= slotAddresses.length) {
            drop("server answered for slot " + slot + ", which this hub does not have", from);
            return;
        }
        InetSocketAddress client = lastHeard[slot];
        if (client == null || !slotLinkUp.test(slot)) {
            return; // nobody to hear it: no client has spoken on the slot, or its link is down
        }
        send(slotAddresses[slot], client, f.packet());
    }

    private void send(InetSocketAddress local, InetSocketAddress remote, DhcpPacket packet) {
        IoSession session = acceptor.newSession(remote, local);
        session.write(IoBuffer.wrap(DhcpPacketCodec.encode(packet)));
    }

    private void drop(String reason, String from) {
        drops.dropped(reason, from, TimeSource.SYSTEM.monoNanos());
    }

    void reportError(Throwable cause, Object remote) {
        drop("socket error: " + cause, String.valueOf(remote));
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
        pool.shutdown();
    }
}
