package dev.vrack.appapi;

import java.net.InetAddress;
import java.util.Map;

/** What a cartridge gives the application it runs: where it is, a way to record events, and the license answer. */
public interface AppContext {

    /** The cartridge's LAN address (leased by DHCP); the application binds only to it. */
    InetAddress address();

    /** The name of the chassis the cartridge sits in, e.g. "A". */
    String chassis();

    /** The slot the cartridge sits in. */
    int slot();

    /** The chassis ID read from the chassis's ID memory, e.g. "CHASSIS-A-0001". */
    String chassisId();

    /**
     * Records an event in the cartridge's event log (source "A/3"). Types are namespaced by the application,
     * e.g. "app.progress"; details are JSON-friendly values (strings, numbers, booleans, lists, maps).
     */
    void event(String type, Map<String, Object> details);

    /**
     * The license agent's answer at this instant: true while the cartridge holds a valid license. An application
     * checks it before serving each request (or unit of work) and refuses while it is false (FIG. 34: the
     * application is suspended, not killed, when the license lapses).
     */
    boolean permitted();
}
