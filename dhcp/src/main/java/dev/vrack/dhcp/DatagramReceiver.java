package dev.vrack.dhcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.BiConsumer;

/** A daemon thread that reads datagrams from one channel until the channel is closed. */
final class DatagramReceiver implements Runnable {

    private final DatagramChannel channel;
    private final BiConsumer<byte[], InetSocketAddress> sink;

    private DatagramReceiver(DatagramChannel channel, BiConsumer<byte[], InetSocketAddress> sink) {
        this.channel = channel;
        this.sink = sink;
    }

    static void start(String name, DatagramChannel channel, BiConsumer<byte[], InetSocketAddress> sink) {
        Thread t = new Thread(new DatagramReceiver(channel, sink), name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        // One byte more than the codec accepts, so an oversized datagram is seen as oversized, not cut.
        ByteBuffer buf = ByteBuffer.allocate(DhcpPacketCodec.MAX_LENGTH + 1);
        while (channel.isOpen()) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                buf.flip();
                byte[] data = new byte[buf.remaining()];
                buf.get(data);
                sink.accept(data, from);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // ICMP errors surface here on Linux (port unreachable); they say nothing about our socket.
                if (!channel.isOpen()) {
                    return;
                }
            }
        }
    }
}
