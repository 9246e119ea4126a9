package dev.vrack.scenario;

/** A fact about the rack at one instant, decided from the event history. */
public sealed interface Condition {

    /** How a number compares with the expected one. */
    enum Comparison {
        EQUAL("=="), AT_LEAST(">="), AT_MOST("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(long actual, long expected) {
            return switch (this) {
                case EQUAL -> actual == expected;
                case AT_LEAST -> actual >= expected;
                case AT_MOST -> actual <= expected;
            };
        }
    }

    /** "2 instances of www running": the number of running instances of {@code app} compares with {@code n}. */
    record Running(String app, Comparison comparison, int n) implements Condition {
    }

    /** "A/3 running" (true) or "A/3 not running" (false): whether the slot's application runs under a seat. */
    record SlotRunning(String slot, boolean running) implements Condition {
    }

    /** "www within its count": running instances of {@code app} never above its license count in force. */
    record WithinCount(String app) implements Condition {
    }
}
