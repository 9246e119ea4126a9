package dev.vrack.common;

import java.time.Instant;
import java.util.Optional;

/**
 * A process this rack started, identified by PID and start time so that a recycled PID is
 * never mistaken for ours (we only ever signal processes we started).
 */
public record ProcessRecord(long pid, Instant started) {

    public static ProcessRecord of(ProcessHandle handle) {
        return new ProcessRecord(handle.pid(), handle.info().startInstant().orElse(Instant.EPOCH));
    }

    /** The live process, if it is still the one we started. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> started.equals(Instant.EPOCH)
                        || h.info().startInstant().map(started::equals).orElse(false));
    }

    public boolean isAlive() {
        return live().isPresent();
    }

    /** SIGKILL: the power cut. Returns true if there was a process to kill. */
    public boolean kill() {
        return live().map(ProcessHandle::destroyForcibly).orElse(false);
    }

    /** SIGTERM. Returns true if there was a process to signal. */
    public boolean terminate() {
        return live().map(ProcessHandle::destroy).orElse(false);
    }
}
