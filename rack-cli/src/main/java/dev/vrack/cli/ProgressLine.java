package dev.vrack.cli;

import java.io.PrintWriter;

/**
 * A live progress line: redrawn in place on a terminal; on a pipe (CI logs) printed at most every few seconds
 * so the log stays readable. Notes (what a step did) always get a line of their own.
 */
final class ProgressLine {

    private static final long PIPE_EVERY_MS = 5000;

    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private long lastPrintedMs = -PIPE_EVERY_MS;
    private int drawn;

    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    void show(String text) {
        if (terminal) {
            String padded = text.length() < drawn ? text + " ".repeat(drawn - text.length()) : text;
            out.print("\r" + padded);
            out.flush();
            drawn = text.length();
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        if (now - lastPrintedMs >= PIPE_EVERY_MS) {
            out.println(text);
            lastPrintedMs = now;
        }
    }

    void note(String text) {
        clear();
        out.println("  " + text);
    }

    void done() {
        clear();
    }

    private void clear() {
        if (terminal && drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }
}
