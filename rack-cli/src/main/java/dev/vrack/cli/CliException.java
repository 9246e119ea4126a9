package dev.vrack.cli;

/** A failure to report to the user as one clear message (exit code 1), never as a stack trace. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
