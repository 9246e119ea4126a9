package dev.vrack.cli;

import dev.vrack.common.StateLayout;
import dev.vrack.config.ConfigException;
import dev.vrack.config.RackConfig;
import dev.vrack.config.RackConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rack} command: deploy, inspect and handle a virtual rack. */
@Command(name = "rack", mixinStandardHelpOptions = true, version = "rack " + RackCommand.VERSION,
        description = "A chassis-and-cartridge rack emulator with a real licensing system.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, EventsCommand.class,
                PullCommand.class, InsertCommand.class, PowerCommand.class, UsbCommand.class, LinkCommand.class,
                ClockCommand.class, KillCommand.class, FreezeCommand.class, ThawCommand.class,
                RestartManagerCommand.class, NasCommand.class, ScenarioCommand.class,
                LicenseCommand.class, CheckCommand.class, VendorCommand.class, AuthorityCommand.class,
                dev.vrack.firstembodiment.cli.FirstEmbodimentCommand.class,
                CommandLine.HelpCommand.class})
public final class RackCommand implements Runnable {

    /** The rack's version, as reports and {@code rack --version} name it. */
    static final String VERSION = "0.1.0";

    @Option(names = "--state-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder holding the state of racks (default: $RACK_STATE_DIR, else ~/.local/state/vrack).")
    Path stateDir;

    @Option(names = "--rack", scope = CommandLine.ScopeType.INHERIT, paramLabel = "NAME",
            description = "Which rack to act on, when the state folder holds several.")
    String rackName;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command; try: rack up cluster-configs/demo.yml");
    }

    StateRoot root() {
        return StateRoot.resolve(stateDir);
    }

    /** The selected rack's state folder and its definition. */
    Selected select(String explicitName) {
        StateLayout layout = root().select(explicitName != null ? explicitName : rackName);
        return new Selected(layout, loadConfig(layout.rackFile()));
    }

    static RackConfig loadConfig(Path file) {
        try {
            return RackConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
    }

    record Selected(StateLayout layout, RackConfig config) {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new RackCommand());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof CliException || exception instanceof IllegalArgumentException) {
                err.println("rack: " + exception.getMessage());
                return 1;
            }
            err.println("rack: internal error: " + exception);
            exception.printStackTrace(err);
            return 1;
        });
        return line.execute(args);
    }
}
