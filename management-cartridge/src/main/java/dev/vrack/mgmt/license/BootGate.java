package dev.vrack.mgmt.license;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds the agents' determinations until the manager has read the USB key and scanned the NAS once at boot.
 * Before that a request would be refused with NO_KEY or NO_LICENSE for what the manager has merely not read
 * yet; held, it is determined as soon as both reads are done, like a request waiting in line (the manager
 * answers Queued meanwhile, which the agent already understands; nothing changes on the wire). Touched on the
 * manager's loop only.
 */
final class BootGate {

    /** A dongle that never answers must not hold the agents forever: after this the gate opens anyway. */
    static final long MAX_HOLD_MS = 30_000;

    private boolean keyRead;
    private boolean nasScanned;
    private boolean open;
    private final List<Runnable> held = new ArrayList<>();

    /** Whether determinations are made now. */
    boolean open() {
        return open;
    }

    /** Holds the determination if the gate is closed; false when it is open and the caller runs it now. */
    boolean hold(Runnable determination) {
        if (open) {
            return false;
        }
        held.add(determination);
        return true;
    }

    /** The first key read completed (a key, no key, or a key that could not be read). Returns what to run now. */
    List<Runnable> keyRead() {
        keyRead = true;
        return openIfReady();
    }

    /** The first NAS scan completed. Returns what to run now. */
    List<Runnable> nasScanned() {
        nasScanned = true;
        return openIfReady();
    }

    /** The boot reads took too long: determine with what is known. Returns what to run now. */
    List<Runnable> giveUp() {
        if (!open) {
            System.err.println("license manager: the USB key read or the first NAS scan did not complete within "
                    + MAX_HOLD_MS + " ms; determining the held requests with what is known");
        }
        keyRead = true;
        nasScanned = true;
        return openIfReady();
    }

    private List<Runnable> openIfReady() {
        if (open || !keyRead || !nasScanned) {
            return List.of();
        }
        open = true;
        List<Runnable> released = List.copyOf(held);
        held.clear();
        return released;
    }
}
