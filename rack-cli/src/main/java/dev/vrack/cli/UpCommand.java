package dev.vrack.cli;

import dev.vrack.common.RackRuntime;
import dev.vrack.config.RackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rack up FILE}. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a rack from its definition (YAML) in the background; return when every cartridge has its address.")
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Parameters(paramLabel = "FILE", description = "The rack definition, e.g. cluster-configs/demo.yml.")
    Path file;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for every cartridge to get its address (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--lease-ttl-ms", paramLabel = "MS",
            description = "Time to live of a granted license seat; agents renew at a third of it"
                    + " (default: 10000, at least 500).")
    Long leaseTtlMs;

    @Option(names = "--safety-margin-ms", paramLabel = "MS",
            description = "How long after a silent holder's lease ran out before its seat goes to another cartridge"
                    + " (default: 2000, at least 0).")
    Long safetyMarginMs;

    @Option(names = "--key-grace-ms", paramLabel = "MS",
            description = "How long determinations still succeed after the USB key is pulled (default: 0).")
    Long keyGraceMs;

    @Option(names = "--retry-ms", paramLabel = "MS",
            description = "The agents' retry interval after a refusal (default: 2000, at least 50).")
    Long retryMs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    // The defaults in the descriptions are RackRuntime.Licensing.defaults(); UpLicensingOptionsTest holds them equal.
    /** Below this a lease would be renewed every few milliseconds: the rack would do nothing else. */
    static final long MIN_TTL_MS = 500;
    static final long MIN_RETRY_MS = 50;

    @Override
    public Integer call() throws Exception {
        RackRuntime.Licensing licensing = licensing();
        RackConfig config = RackCommand.loadConfig(file);
        var layout = rack.root().rack(config.name());
        var out = rack.spec.commandLine().getOut();
        new RackLauncher(config, layout, out, System.console() != null, licensing).up(Duration.ofSeconds(timeoutSeconds));
        return 0;
    }

    /** The defaults with the options given on the command line; nonsense is bad usage (exit 2). */
    RackRuntime.Licensing licensing() {
        RackRuntime.Licensing d = RackRuntime.Licensing.defaults();
        long ttl = leaseTtlMs == null ? d.leaseTtlMs() : leaseTtlMs;
        long margin = safetyMarginMs == null ? d.safetyMarginMs() : safetyMarginMs;
        long grace = keyGraceMs == null ? d.keyGraceMs() : keyGraceMs;
        long retry = retryMs == null ? d.retryMs() : retryMs;
        if (ttl < MIN_TTL_MS) {
            throw usage("--lease-ttl-ms " + ttl + " is too short: a lease must live at least " + MIN_TTL_MS
                    + " ms (agents renew at a third of it); try --lease-ttl-ms 2000");
        }
        if (margin < 0) {
            throw usage("--safety-margin-ms " + margin + " is negative: it is how long the manager waits after a"
                    + " silent holder's lease ran out; use 0 or more, e.g. --safety-margin-ms " + d.safetyMarginMs());
        }
        if (grace < 0) {
            throw usage("--key-grace-ms " + grace + " is negative: use 0 (no grace) or more");
        }
        if (retry < MIN_RETRY_MS) {
            throw usage("--retry-ms " + retry + " is too short: agents would hammer the manager; use at least "
                    + MIN_RETRY_MS + ", e.g. --retry-ms " + d.retryMs());
        }
        return new RackRuntime.Licensing(d.licensePort(), d.chassisIdPort(), d.metricsPort(), ttl, margin, grace, retry);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
