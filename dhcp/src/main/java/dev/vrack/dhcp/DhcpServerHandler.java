package dev.vrack.dhcp;

import java.net.InetSocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

/** MINA handler of the server socket: hands each datagram to the server and writes back its answer. */
final class DhcpServerHandler extends IoHandlerAdapter {

    /** Set right after bind; with port 0 the server (and its engine) can only be built once the port is known. */
    private volatile DhcpServer server;

    void attach(DhcpServer server) {
        this.server = server;
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        DhcpServer server = this.server;
        if (server == null || !(message instanceof IoBuffer buffer)) {
            return; // arrived in the microseconds between bind and attach, like a packet before the socket existed
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        InetSocketAddress from = (InetSocketAddress) session.getRemoteAddress();
        server.receive(data, from, reply -> session.write(
                IoBuffer.wrap(DhcpPacketCodec.encode(reply.packet())),
                new InetSocketAddress(reply.toAddress().toInetAddress(), reply.toPort())));
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        // A failed send to one client must not stop the server; note it and carry on.
        DhcpServer server = this.server;
        if (server != null) {
            server.reportError(cause, session.getRemoteAddress());
        }
    }
}
