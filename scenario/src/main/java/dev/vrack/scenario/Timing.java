package dev.vrack.scenario;

/** When a step fires. Times are milliseconds after the scenario's start (the moment the rack is up). */
public sealed interface Timing {

    /** Once, at {@code atMs}. */
    record At(long atMs) implements Timing {
    }

    /** {@code times} times: at {@code startMs}, then every {@code everyMs}. */
    record Every(long startMs, long everyMs, int times) implements Timing {
    }

    /**
     * {@code delayMs} after a trigger: once after the first event of {@code eventType} (optionally from
     * {@code source}, such as "A/3") seen after the scenario's start; or after each firing of step {@code stepId}
     * (its n-th firing triggers this step's n-th), so "re-insert 3 s after each kill" follows an {@code every}
     * step. Exactly one of {@code eventType} and {@code stepId} is set, the other is null; {@code source} is null
     * when any source will do.
     */
    record After(String eventType, String source, String stepId, long delayMs) implements Timing {
    }
}
