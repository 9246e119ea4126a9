package dev.vrack.checker;

/** The properties a run's history must have, plus the one that says the history itself is unreadable. */
public enum Invariant {

    /** (a) At no instant more instances of an application running than its license count in force. */
    OVER_GRANT("over-grant", "more instances running than the license count in force"),
    /** (b) At the end, every seat the manager counts as granted belongs to a running instance. */
    LEAKED_SEAT("leaked-seat", "a seat still counted as granted whose holder no longer runs the application"),
    /** (c) Every suspension has a cause. */
    UNEXPLAINED_SUSPENSION("unexplained-suspension", "an application suspended without a reason"),
    /** The history lacks something the checker needs, so it cannot vouch for it. */
    MALFORMED_EVENT("malformed-event", "an event missing a detail the checker needs");

    private final String id;
    private final String meaning;

    Invariant(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    /** Short, stable, kebab-case name used in reports and JSON. */
    public String id() {
        return id;
    }

    /** What a violation of it means, in one phrase. */
    public String meaning() {
        return meaning;
    }
}
