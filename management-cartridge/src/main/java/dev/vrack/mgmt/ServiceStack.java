package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** The services started so far, stopped in reverse order so later services never outlive what they use. */
final class ServiceStack {

    private final Deque<ManagementService> running = new ArrayDeque<>();

    synchronized void start(ManagementService service, CartridgeContext context) throws Exception {
        try {
            service.start(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the " + service.name() + ": " + e.getMessage(), e);
        }
        running.push(service);
    }

    synchronized void stopAll() {
        while (!running.isEmpty()) {
            ManagementService service = running.pop();
            try {
                service.stop();
            } catch (RuntimeException e) {
                System.err.println("management cartridge: stopping the " + service.name() + " failed: " + e);
            }
        }
    }
}
