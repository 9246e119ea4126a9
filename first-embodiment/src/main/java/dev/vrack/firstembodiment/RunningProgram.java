package dev.vrack.firstembodiment;

import dev.vrack.firstembodiment.api.DeviceProgram;
import dev.vrack.firstembodiment.api.FunctionNotAllowedException;
import dev.vrack.firstembodiment.api.ProgramContext;
import dev.vrack.firstembodiment.api.ProgramFunction;
import java.io.Closeable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One execution of a program on a device (seed 000, software executing section 350): only the functions the
 * license key allows are reachable, from outside ({@link #call}) and from inside the program (its context).
 */
public final class RunningProgram implements Closeable {

    private final String programId;
    private final String licenseKeyId;
    private final DeviceId device;
    private final UsageConditions conditions;
    private final int execution;
    private final DeviceProgram program;
    private final Map<String, ProgramFunction> offered;
    private final ProgramContext context = new Context();

    RunningProgram(String programId, String licenseKeyId, DeviceId device, UsageConditions conditions, int execution,
            DeviceProgram program) throws ExecutionRefusedException {
        this.programId = programId;
        this.licenseKeyId = licenseKeyId;
        this.device = device;
        this.conditions = conditions;
        this.execution = execution;
        this.program = program;
        try {
            this.offered = new TreeMap<>(program.functions());
        } catch (RuntimeException e) {
            throw new ExecutionRefusedException("program " + programId + " failed to list its functions: " + e, e);
        }
    }

    /** Calls a function of the program; refuses one the license key does not allow, before the program sees it. */
    public String call(String function, String input) throws Exception {
        if (!conditions.allowedFunctions().contains(function)) {
            throw new FunctionNotAllowedException("function '" + function + "' of " + programId
                    + " is not allowed by license key " + licenseKeyId + " (allowed: " + conditions.sortedFunctions() + ")");
        }
        ProgramFunction target = offered.get(function);
        if (target == null) {
            throw new FunctionNotAllowedException("program " + programId + " has no function '" + function
                    + "' (it offers " + offered.keySet() + ")");
        }
        return target.apply(input, context);
    }

    /** The program's class, as defined from memory (for diagnostics and tests). */
    public Class<?> programClass() {
        return program.getClass();
    }

    /** The functions the program offers that the license key allows. */
    public Set<String> reachableFunctions() {
        TreeMap<String, ProgramFunction> reachable = new TreeMap<>(offered);
        reachable.keySet().retainAll(conditions.allowedFunctions());
        return reachable.keySet();
    }

    /** Which execution this is under the license key (1 for the first). */
    public int execution() {
        return execution;
    }

    /** Executions left under the license key after this one. */
    public int executionsLeft() {
        return conditions.maxExecutions() - execution;
    }

    /** The license key it runs under. */
    public String licenseKeyId() {
        return licenseKeyId;
    }

    /** Wipes the program's decrypted classes from its loader. */
    @Override
    public void close() {
        if (program.getClass().getClassLoader() instanceof dev.vrack.appapi.InMemoryClassLoader loader) {
            loader.close();
        }
    }

    /** What the program sees of the device. */
    private final class Context implements ProgramContext {
        @Override
        public String deviceId() {
            return device.value();
        }

        @Override
        public Set<String> allowedFunctions() {
            return conditions.allowedFunctions();
        }

        @Override
        public String call(String function, String input) throws Exception {
            return RunningProgram.this.call(function, input);
        }
    }
}
