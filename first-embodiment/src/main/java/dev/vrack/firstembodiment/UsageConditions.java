package dev.vrack.firstembodiment;

import java.util.Set;
import java.util.TreeSet;

/**
 * The conditions of use carried inside a software license key (seed 000, FIG. 4 variant): how many times the
 * program may be executed on the device, and which of its functions may run.
 */
public record UsageConditions(int maxExecutions, Set<String> allowedFunctions) {

    /** A license key allows at most this many executions; more is surely a typing mistake. */
    public static final int MAX_EXECUTIONS = 1_000_000;
    static final int MAX_FUNCTIONS = 64;

    /** Checks and copies the conditions (functions kept sorted, for stable output). */
    public UsageConditions {
        if (maxExecutions < 1 || maxExecutions > MAX_EXECUTIONS) {
            throw new IllegalArgumentException("number of executions is " + maxExecutions + "; it must be between 1 and "
                    + MAX_EXECUTIONS);
        }
        if (allowedFunctions == null || allowedFunctions.isEmpty()) {
            throw new IllegalArgumentException("no function is allowed: name at least one function of the program (e.g. --allow count)");
        }
        if (allowedFunctions.size() > MAX_FUNCTIONS) {
            throw new IllegalArgumentException(allowedFunctions.size() + " functions allowed; at most " + MAX_FUNCTIONS);
        }
        for (String function : allowedFunctions) {
            if (function == null || !function.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("function name '" + function
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
        }
        allowedFunctions = Set.copyOf(new TreeSet<>(allowedFunctions));
    }

    /** The allowed functions in name order. */
    public TreeSet<String> sortedFunctions() {
        return new TreeSet<>(allowedFunctions);
    }
}
