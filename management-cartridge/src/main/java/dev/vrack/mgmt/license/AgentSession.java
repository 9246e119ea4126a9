package dev.vrack.mgmt.license;

import dev.vrack.license.Holder;
import dev.vrack.proto.license.ManagerFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * One agent's connection to the manager: one session, one holder (the slot the agent says it is in).
 * When the agent closes it, its process is gone and so are its seats.
 */
public final class AgentSession {

    private final long id;
    private final Channel channel;
    private final String chassisName;
    private final String chassisId;
    private final int slot;
    private volatile boolean closedByManager;

    AgentSession(long id, Channel channel, String chassisName, String chassisId, int slot) {
        this.id = id;
        this.channel = channel;
        this.chassisName = chassisName;
        this.chassisId = chassisId;
        this.slot = slot;
    }

    public long id() {
        return id;
    }

    public String chassisName() {
        return chassisName;
    }

    public int slot() {
        return slot;
    }

    /** The holder of this session's seats: the chassis ID the agent gave (its chassis name if it gave none). */
    public Holder holder() {
        return new Holder(chassisId.isEmpty() ? chassisName : chassisId, slot, id);
    }

    /** How users name the slot: {@code A/3}. */
    public String name() {
        return chassisName + "/" + slot;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    ChannelFuture send(ManagerFrame frame) {
        return channel.writeAndFlush(frame);
    }

    /** The manager closes the connection (a broken frame): the agent may still run, so its seats stay until they expire. */
    void closeByManager() {
        closedByManager = true;
        channel.close();
    }

    void markClosedByManager() {
        closedByManager = true;
    }

    boolean closedByManager() {
        return closedByManager;
    }
}
