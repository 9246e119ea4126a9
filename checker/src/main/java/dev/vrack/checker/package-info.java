/**
 * The checker: a Jepsen-style verdict on a run's merged events (no over-grant, no leaked seat, every suspension
 * explained). Entry point {@link dev.vrack.checker.HistoryChecker}; output {@link dev.vrack.checker.Verdict},
 * rendered by {@link dev.vrack.checker.VerdictReport} and {@link dev.vrack.checker.VerdictJson}.
 */
package dev.vrack.checker;
