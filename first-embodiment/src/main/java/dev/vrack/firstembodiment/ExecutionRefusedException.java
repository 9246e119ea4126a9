package dev.vrack.firstembodiment;

/** The device refuses to execute a program: conditions of use exhausted, or the program cannot be loaded. */
public final class ExecutionRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying why and what to do. */
    public ExecutionRefusedException(String message) {
        super(message);
    }

    /** Creates the exception with a message and its cause. */
    public ExecutionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
