package dev.vrack.dhcp;

import java.net.InetSocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

/** MINA handler of the hub's sockets: tells slot ports from the relay port and passes datagrams on. */
final class HubRelayHandler extends IoHandlerAdapter {

    private volatile HubRelay relay;

    void attach(HubRelay relay) {
        this.relay = relay;
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        HubRelay r = relay;
        if (r == null || !(message instanceof IoBuffer buffer)) {
            return;
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        r.received((InetSocketAddress) session.getLocalAddress(), (InetSocketAddress) session.getRemoteAddress(), data);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        HubRelay r = relay;
        if (r != null) {
            r.reportError(cause, session.getRemoteAddress());
        }
    }
}
