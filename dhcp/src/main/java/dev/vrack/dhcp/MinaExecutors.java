package dev.vrack.dhcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pools for MINA acceptors. Handing MINA our own pool means dispose() does not interrupt its
 * I/O thread (which it logs as an "unexpected" InterruptedException) nor wait a select timeout for it:
 * unbind() already closes the sockets, the thread exits when it has none left, and the pool only
 * needs a plain shutdown.
 */
final class MinaExecutors {

    private MinaExecutors() {
    }

    static ExecutorService daemonPool(String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
