package dev.vrack.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rack status [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every chassis and slot of the rack: state, kind, address, link, process.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Option(names = "--json", description = "Print one JSON object (schema in the README).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RackCommand.Selected selected = rack.select(null);
        ObjectNode status = RackStatusReader.read(selected.config(), selected.layout());
        var out = rack.spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status));
            out.flush();
        } else {
            StatusTable.print(status, out);
        }
        return 0;
    }
}
