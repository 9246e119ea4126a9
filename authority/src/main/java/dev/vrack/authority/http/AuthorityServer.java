package dev.vrack.authority.http;

import dev.vrack.authority.Authority;
import dev.vrack.authority.ProviderToken;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The authority's HTTP/JSON service for the online flow of FIG. 25 (provider asks, authority answers with the
 * license file): {@code POST /licenses}, {@code GET /applications}, {@code GET /health}. Loopback only; every
 * path but {@code /health} requires the provider's bearer token.
 */
public final class AuthorityServer implements AutoCloseable {

    private final Channel listener;
    private final EventLoopGroup group;
    private final ExecutorService work;

    private AuthorityServer(Channel listener, EventLoopGroup group, ExecutorService work) {
        this.listener = listener;
        this.group = group;
        this.work = work;
    }

    /** Binds address (127.0.0.0/8 only; port 0 picks a free one) with the token of the authority's folder. */
    public static AuthorityServer start(Authority authority, InetSocketAddress address) {
        requireLoopback(address);
        ProviderToken token = ProviderToken.read(authority.folder().providerToken());
        EventLoopGroup group = new NioEventLoopGroup(1);
        // One work thread: the authority's store is serial anyway, and it keeps the I/O thread free.
        ExecutorService work = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "authority-http-work");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new AuthorityServerInitializer(token, new AuthorityRoutes(authority), work))
                    .bind(address).syncUninterruptibly().channel();
            return new AuthorityServer(listener, group, work);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            work.shutdownNow();
            throw new IllegalArgumentException("cannot listen on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + " (" + e.getMessage() + "): choose another port", e);
        }
    }

    /** Refuses anything outside 127.0.0.0/8: the rack never listens on a real network. */
    static void requireLoopback(InetSocketAddress address) {
        if (address == null || address.isUnresolved() || !(address.getAddress() instanceof Inet4Address)
                || (address.getAddress().getAddress()[0] & 0xff) != 127) {
            throw new IllegalArgumentException("the authority serves on loopback only, not on " + address
                    + ": give an address in 127.0.0.0/8, e.g. 127.0.0.1:8585");
        }
    }

    /** Where the service listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Resolves when the listener closes (e.g. after {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().await();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        work.shutdown();
    }
}
