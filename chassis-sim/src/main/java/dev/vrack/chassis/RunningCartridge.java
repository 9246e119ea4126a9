package dev.vrack.chassis;

import dev.vrack.common.ProcessRecord;
import java.util.concurrent.CompletableFuture;

/**
 * A cartridge process the chassis started for one power-on of a slot.
 *
 * @param generation  the slot's power-on this process belongs to
 * @param exitHandled completes with the exit code once the chassis has fully handled the exit
 *                    (slot state, events, cartridges.json)
 */
public record RunningCartridge(int slot, long generation, Process process, ProcessRecord record,
                               CompletableFuture<Integer> exitHandled) {

    public long pid() {
        return record.pid();
    }
}
