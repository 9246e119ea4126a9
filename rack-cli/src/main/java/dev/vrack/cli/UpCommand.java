package dev.vrack.cli;

import dev.vrack.config.RackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws Exception {
        RackConfig config = RackCommand.loadConfig(file);
        var layout = rack.root().rack(config.name());
        var out = rack.spec.commandLine().getOut();
        new RackLauncher(config, layout, out, System.console() != null).up(Duration.ofSeconds(timeoutSeconds));
        return 0;
    }
}
