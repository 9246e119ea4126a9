package dev.vrack.cli;

import dev.vrack.common.Event;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rack events [--follow] [--json]}. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print the rack's events from every process, merged in time order.")
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events as they happen (Ctrl-C to stop).")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--type", paramLabel = "PREFIX", description = "Only events whose type starts with PREFIX, e.g. dhcp.")
    String typePrefix;

    @Override
    public Integer call() throws Exception {
        RackCommand.Selected selected = rack.select(null);
        EventTail tail = new EventTail(selected.layout().eventsDir());
        var out = rack.spec.commandLine().getOut();
        do {
            for (Event event : tail.poll()) {
                if (typePrefix == null || event.type().startsWith(typePrefix)) {
                    out.println(EventFormatter.format(event, json));
                }
            }
            out.flush();
            if (follow) {
                Thread.sleep(200);
            }
        } while (follow);
        return 0;
    }
}
