package dev.vrack.license;

/**
 * Who asks for or holds a seat: a slot of a chassis, over one agent session (one connection). When the
 * session ends from the holder's side, its process is gone, and so are its seats.
 */
public record Holder(String chassisId, int slot, long session) {

    @Override
    public String toString() {
        return chassisId + "/" + slot + "#" + session;
    }
}
