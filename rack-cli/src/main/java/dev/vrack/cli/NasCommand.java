package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack nas corrupt|replace|restore --app APP [FILE]}. */
@Command(name = "nas", mixinStandardHelpOptions = true,
        description = "Fault the license files in the rack's NAS folder: corrupt one (a flipped byte), replace it "
                + "with another file, or restore the original.")
final class NasCommand implements Callable<Integer> {

    enum Action { corrupt, replace, restore }

    @ParentCommand
    RackCommand rack;

    @Parameters(index = "0", paramLabel = "corrupt|replace|restore")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "With replace: the new license file.")
    Path file;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "Whose license file, e.g. www.")
    String app;

    @Override
    public Integer call() {
        FaultKind fault = switch (action) {
            case corrupt -> FaultKind.NAS_CORRUPT;
            case replace -> FaultKind.NAS_REPLACE;
            case restore -> FaultKind.NAS_RESTORE;
        };
        if (action == Action.replace && file == null) {
            throw new CliException("nas replace needs the new license file: rack nas replace --app " + app + " FILE");
        }
        FaultParams params = FaultParams.NONE.withApp(app);
        if (file != null) {
            params = params.withFile(file.toAbsolutePath());
        }
        new FaultInjector(rack.select(null)).inject(fault, List.of(), params, Map.of())
                .forEach(rack.spec.commandLine().getOut()::println);
        return 0;
    }
}
