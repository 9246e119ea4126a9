package dev.vrack.scenario.report;

/** The verdict on a scenario run, as the top of a report shows it. */
public enum Outcome {
    /** Complete, and every expectation and enforced invariant held. */
    PASS,
    /** Complete, and something did not hold. */
    FAIL,
    /** Interrupted or aborted: whatever was judged, the run proves nothing. */
    INCOMPLETE
}
