package dev.vrack.cartridge;

import dev.vrack.common.EventLog;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.proto.backplane.Welcome;
import java.util.concurrent.CompletableFuture;

/** Everything a {@link CartridgeProgram} needs from its slot, handed over once the backplane is up. */
public final class CartridgeContext {

    private final CartridgeArgs args;
    private final EventLog events;
    private final BackplaneClient backplane;
    private final SlotLink link;
    private final TimeSource time;
    private final CompletableFuture<String> failure;

    CartridgeContext(CartridgeArgs args, EventLog events, BackplaneClient backplane, SlotLink link, TimeSource time,
                     CompletableFuture<String> failure) {
        this.args = args;
        this.events = events;
        this.backplane = backplane;
        this.link = link;
        this.time = time;
        this.failure = failure;
    }

    public CartridgeArgs args() {
        return args;
    }

    public StateLayout layout() {
        return args.layout();
    }

    /** This cartridge's event log (source {@code chassis/slot}). */
    public EventLog events() {
        return events;
    }

    public BackplaneClient backplane() {
        return backplane;
    }

    public Welcome welcome() {
        return backplane.welcome();
    }

    /** The slot's link; also the {@link dev.vrack.common.LinkGate} of every LAN socket of the cartridge. */
    public SlotLink link() {
        return link;
    }

    public TimeSource time() {
        return time;
    }

    /** Reports that the cartridge cannot go on (after boot returned); it then ends as a failed boot does. */
    public void fail(String reason) {
        failure.complete(reason);
    }
}
