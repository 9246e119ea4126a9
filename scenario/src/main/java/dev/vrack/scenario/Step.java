package dev.vrack.scenario;

/**
 * One fault step: when it fires, which fault, on which targets.
 *
 * @param id      unique within the scenario ("step-3" when the file gives none); expectations anchor on it
 * @param line    the line of the step in the scenario file, for messages
 * @param timing  when it fires
 * @param fault   what it does
 * @param targets what it acts on ({@link TargetSpec.None} for faults without a target, such as nas-corrupt)
 * @param params  the fault's parameters (delay, loss, clock step, key file, ...)
 */
public record Step(String id, int line, Timing timing, FaultKind fault, TargetSpec targets, FaultParams params) {
}
