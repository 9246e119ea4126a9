package dev.vrack.bench;

import dev.vrack.common.ProtobufFraming;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** N virtual agents connected to one manager over loopback, on one client event loop. */
final class VirtualAgents implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final List<VirtualAgent> agents = new ArrayList<>();

    /** Connects {@code count} agents (slots 1..count) and says hello on each, a batch at a time. */
    VirtualAgents(InetSocketAddress manager, int count) throws Exception {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
        int batch = 200;
        for (int from = 1; from <= count; from += batch) {
            List<CompletableFuture<ManagerFrame>> hellos = new ArrayList<>();
            for (int slot = from; slot < Math.min(count + 1, from + batch); slot++) {
                VirtualAgent agent = new VirtualAgent(slot);
                Channel channel = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ProtobufFraming.install(ch.pipeline(), ManagerFrame.getDefaultInstance(),
                                ProtobufFraming.DEFAULT_MAX_FRAME);
                        ch.pipeline().addLast(agent);
                    }
                }).connect(manager).sync().channel();
                agent.bind(channel);
                agents.add(agent);
                hellos.add(agent.hello());
            }
            for (CompletableFuture<ManagerFrame> hello : hellos) {
                ManagerFrame welcome = hello.get(30, TimeUnit.SECONDS);
                if (!welcome.hasWelcome()) {
                    throw new IllegalStateException("no welcome from the manager: " + welcome);
                }
            }
        }
    }

    List<VirtualAgent> all() {
        return agents;
    }

    @Override
    public void close() {
        agents.forEach(VirtualAgent::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
