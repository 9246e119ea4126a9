package dev.vrack.chassis;

import dev.vrack.common.ProcessRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps track of the cartridge processes in the slots: watches their exits and keeps
 * {@code cartridges.json} in step, so that a later chassis (or the command line) can find and kill
 * whatever this one leaves behind.
 */
public final class CartridgeSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(CartridgeSupervisor.class);

    private final Path cartridgesFile;
    private final ExitListener listener;
    private final Executor exitExecutor;
    private final Map<Integer, RunningCartridge> running = new ConcurrentHashMap<>();

    /**
     * @param exitExecutor where exits are handled; kept apart from the threads that wait for exits
     */
    public CartridgeSupervisor(Path cartridgesFile, ExitListener listener, Executor exitExecutor) {
        this.cartridgesFile = cartridgesFile;
        this.listener = listener;
        this.exitExecutor = exitExecutor;
    }

    /**
     * Kills the processes a previous chassis of the same name recorded and left alive (after a
     * SIGKILL of that chassis). The record's start time guarantees a recycled PID is never hit.
     *
     * @return the PIDs killed
     */
    public static List<Long> killLeftovers(Path cartridgesFile) {
        try {
            return CartridgesFile.read(cartridgesFile).values().stream().filter(ProcessRecord::kill)
                    .map(ProcessRecord::pid).toList();
        } catch (IOException e) {
            LOG.warn("cannot read {} to find leftover cartridges: {}", cartridgesFile, e.getMessage());
            return List.of();
        }
    }

    /** Starts watching a freshly started process. */
    public void watch(RunningCartridge cartridge) {
        running.put(cartridge.slot(), cartridge);
        save();
        cartridge.process().onExit().thenAcceptAsync(p -> listener.exited(cartridge, p.exitValue()), exitExecutor);
    }

    public Optional<RunningCartridge> running(int slot) {
        return Optional.ofNullable(running.get(slot));
    }

    public List<RunningCartridge> all() {
        return List.copyOf(running.values());
    }

    /** Stops tracking an exited process. */
    public void forget(RunningCartridge cartridge) {
        if (running.remove(cartridge.slot(), cartridge)) {
            save();
        }
    }

    private synchronized void save() {
        Map<Integer, ProcessRecord> records = new TreeMap<>();
        running.forEach((slot, cartridge) -> records.put(slot, cartridge.record()));
        try {
            CartridgesFile.write(cartridgesFile, records);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", cartridgesFile, e.getMessage());
        }
    }
}
