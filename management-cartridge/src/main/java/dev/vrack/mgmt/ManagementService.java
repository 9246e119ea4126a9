package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;

/** One long-running service of the management cartridge (DHCP server, license manager, ...). */
public interface ManagementService {

    /** A short name for messages, like {@code dhcp-server}. */
    String name();

    /** Starts serving; returns once the service accepts traffic. */
    void start(CartridgeContext context) throws Exception;

    /** Stops serving and releases its sockets and files. */
    void stop();
}
