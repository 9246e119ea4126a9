package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One slot's state machine: empty, off, booting, up, stopping, crashed. Pure logic, thread-safe;
 * it starts no process itself. Every power-on gets a new generation so that late news from an
 * earlier process (its exit, a report on its old connection) can never change the current one.
 */
public final class Slot {

    /** What a process exit meant for the slot. */
    public enum ExitOutcome {
        /** The chassis asked for it (pull, power off, shutdown): the slot is now off. */
        EXPECTED,
        /** The process died on its own while powered: the slot is now crashed. */
        CRASHED,
        /** News about an earlier generation; nothing changed. */
        STALE
    }

    private final String chassis;
    private final int index;
    private final boolean ioBus;

    private SlotState state = SlotState.EMPTY;
    private Path card;
    private String kind;
    private long generation;
    private long pid = -1;
    private String nonce;
    private boolean nonceUsed;
    private boolean stopExpected;
    private String ip;
    private Map<String, String> details = Map.of();

    public Slot(String chassis, int index, boolean ioBus) {
        this.chassis = chassis;
        this.index = index;
        this.ioBus = ioBus;
    }

    public int index() {
        return index;
    }

    public synchronized SlotState state() {
        return state;
    }

    public synchronized long generation() {
        return generation;
    }

    private String name() {
        return "slot " + index + " of chassis " + chassis;
    }

    private String address() {
        return chassis + "/" + index;
    }

    /** Seats a cartridge: empty to off. */
    public synchronized void insert(Path cardPath, String cartridgeKind) {
        if (state != SlotState.EMPTY) {
            throw new ChassisException(Reason.CONFLICT, name() + " is occupied by " + article(kind) + " cartridge",
                    "pull it first: rack pull " + address());
        }
        this.card = cardPath;
        this.kind = cartridgeKind;
        this.state = SlotState.OFF;
        this.details = Map.of();
        this.ip = null;
        this.pid = -1;
    }

    /** Checks that the slot can be powered (off or crashed), before any process is started. */
    public synchronized void checkCanPowerOn() {
        if (state == SlotState.EMPTY) {
            throw new ChassisException(Reason.CONFLICT, name() + " is empty: there is nothing to power",
                    "insert a cartridge first: rack insert " + address() + " <card>");
        }
        if (state.isPowered()) {
            throw new ChassisException(Reason.CONFLICT, name() + " is already powered (" + state.label() + ")",
                    "power it off first: rack power " + address() + " off");
        }
    }

    /**
     * Records that a process was started for this slot: off (or crashed) to booting.
     *
     * @return the generation of this power-on
     */
    public synchronized long poweredOn(long processId, String processNonce) {
        checkCanPowerOn();
        generation++;
        pid = processId;
        nonce = processNonce;
        nonceUsed = false;
        stopExpected = false;
        ip = null;
        details = Map.of();
        state = SlotState.BOOTING;
        return generation;
    }

    /**
     * Checks the nonce of a Hello against the current power-on and consumes it: a nonce admits one
     * connection only.
     *
     * @return the generation the connection belongs to
     */
    public synchronized long admit(String offeredNonce) {
        if (!state.isPowered() || nonce == null) {
            throw new IllegalArgumentException("bad nonce: " + name() + " is " + state.label()
                    + "; no cartridge was powered here to connect");
        }
        if (nonceUsed) {
            throw new IllegalArgumentException("bad nonce: the nonce of " + name() + " was already used by a connection");
        }
        if (!java.security.MessageDigest.isEqual(nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                String.valueOf(offeredNonce).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("bad nonce: it does not match the one written to the standard input of "
                    + "the process powered in " + name());
        }
        nonceUsed = true;
        return generation;
    }

    /** The cartridge of {@code gen} has its LAN address: booting to up. */
    public synchronized void addressReported(long gen, String address) {
        if (gen != generation || !state.isPowered()) {
            return;
        }
        ip = address;
        if (state == SlotState.BOOTING) {
            state = SlotState.UP;
        }
    }

    /** The cartridge of {@code gen} reported its own state and details for status. */
    public synchronized void stateReported(long gen, String reportedState, Map<String, String> reportedDetails) {
        if (gen != generation || !state.isPowered()) {
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>(reportedDetails);
        if (reportedState != null && !reportedState.isEmpty()) {
            merged.putIfAbsent("state", reportedState);
        }
        details = Map.copyOf(merged);
    }

    /**
     * The chassis is about to stop the process (pull, power off, shutdown): its exit will be expected.
     *
     * @param graceful true when the cartridge is asked first, which shows as stopping
     * @return the generation being stopped
     */
    public synchronized long beginStop(boolean graceful) {
        if (!state.isPowered()) {
            throw new ChassisException(Reason.CONFLICT, name() + " has no running cartridge (" + state.label() + ")",
                    "nothing to stop");
        }
        if (state == SlotState.STOPPING && !graceful) {
            // A hard stop during a graceful one is allowed: it only cuts the wait short.
            return generation;
        }
        stopExpected = true;
        if (graceful) {
            state = SlotState.STOPPING;
        }
        return generation;
    }

    /** The process of {@code gen} exited: off when the chassis asked for it, crashed otherwise. */
    public synchronized ExitOutcome processExited(long gen) {
        if (gen != generation || !state.isPowered()) {
            return ExitOutcome.STALE;
        }
        ip = null;
        nonce = null;
        if (stopExpected) {
            state = SlotState.OFF;
            pid = -1;
            return ExitOutcome.EXPECTED;
        }
        state = SlotState.CRASHED;
        return ExitOutcome.CRASHED;
    }

    /** Power off a crashed slot (there is no process left): crashed to off. */
    public synchronized void clearCrash() {
        if (state == SlotState.CRASHED) {
            state = SlotState.OFF;
            pid = -1;
        }
    }

    /** Takes the cartridge out: off or crashed to empty. Returns what was seated. */
    public synchronized SlotSnapshot remove() {
        if (state == SlotState.EMPTY) {
            throw new ChassisException(Reason.CONFLICT, name() + " is empty: there is no cartridge to pull",
                    "see which slots hold cartridges with: rack status");
        }
        if (state.isPowered()) {
            throw new ChassisException(Reason.CONFLICT, name() + " is still powered (" + state.label() + ")",
                    "stop it first; a pull does that for you: rack pull " + address());
        }
        SlotSnapshot before = snapshot();
        state = SlotState.EMPTY;
        card = null;
        kind = null;
        pid = -1;
        nonce = null;
        ip = null;
        details = Map.of();
        return before;
    }

    public synchronized SlotSnapshot snapshot() {
        boolean hasProcess = state.isPowered() || state == SlotState.CRASHED;
        return new SlotSnapshot(index, state, Optional.ofNullable(kind), Optional.ofNullable(card),
                hasProcess && pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(), Optional.ofNullable(ip), ioBus,
                details);
    }

    private static String article(String kind) {
        if (kind == null) {
            return "a";
        }
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
