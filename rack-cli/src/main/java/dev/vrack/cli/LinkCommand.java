package dev.vrack.cli;

import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack link CHASSIS/SLOT up|down|blackhole} and {@code rack link CHASSIS/SLOT impair --delay … --loss …}. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Set a slot's network link at the hub.",
                "  down       cut the cable: nothing passes, and the cartridge sees its carrier go",
                "  blackhole  the carrier stays up but every frame, both ways, silently vanishes",
                "  up         restore a plain working link (clears every impairment)",
                "  impair     an up link with --delay, --jitter and --loss"})
final class LinkCommand implements Callable<Integer> {

    enum Action { up, down, blackhole, impair }

    @ParentCommand
    RackCommand rack;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHASSIS/SLOT", converter = SlotAddressConverter.class)
    SlotAddress slot;

    @Parameters(index = "1", paramLabel = "up|down|blackhole|impair")
    Action action;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationText.Unsigned.class,
            description = "impair: added to every frame, e.g. 200ms (at most 60s).")
    Long delayMs;

    @Option(names = "--jitter", paramLabel = "DURATION", converter = DurationText.Unsigned.class,
            description = "impair: the delay varies by up to this much either way, e.g. 50ms; frames keep their order.")
    Long jitterMs;

    @Option(names = "--loss", paramLabel = "PERCENT",
            description = "impair: share of frames lost, e.g. 10%% (DHCP datagrams are dropped; a license TCP frame "
                    + "arrives after a retransmission delay instead).")
    String loss;

    @Override
    public Integer call() {
        Map<String, Object> body = body();
        FaultParams params = FaultParams.NONE;
        if (body.get("delayMs") instanceof Long delay) {
            params = params.withDelayMs(delay);
        }
        if (body.get("jitterMs") instanceof Long jitter) {
            params = params.withJitterMs(jitter);
        }
        if (body.get("lossPercent") instanceof Double lossPercent) {
            params = params.withLossPercent(lossPercent);
        }
        FaultKind fault = switch (action) {
            case up -> FaultKind.LINK_UP;
            case down -> FaultKind.LINK_DOWN;
            case blackhole -> FaultKind.BLACKHOLE;
            case impair -> FaultKind.IMPAIR;
        };
        new FaultInjector(rack.select(null)).inject(fault, List.of(slot.toString()), params, Map.of())
                .forEach(spec.commandLine().getOut()::println);
        return 0;
    }

    private Map<String, Object> body() {
        boolean anyImpairment = delayMs != null || jitterMs != null || loss != null;
        if (action != Action.impair) {
            if (anyImpairment) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--delay, --jitter and --loss go with "
                        + "'impair', e.g.: rack link " + slot + " impair --delay 200ms --loss 10%");
            }
            return Map.of("link", action.name());
        }
        if (!anyImpairment) {
            throw new CommandLine.ParameterException(spec.commandLine(), "impair needs at least one of --delay, "
                    + "--jitter, --loss, e.g.: rack link " + slot + " impair --delay 200ms --jitter 50ms --loss 10%");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("link", "up");
        if (delayMs != null) {
            body.put("delayMs", delayMs);
        }
        if (jitterMs != null) {
            body.put("jitterMs", jitterMs);
        }
        if (loss != null) {
            body.put("lossPercent", percent(loss));
        }
        return body;
    }

    private double percent(String text) {
        String number = text.trim().toLowerCase(Locale.ROOT).replaceFirst("%$", "");
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--loss '" + text
                    + "' is not a percentage from 0 to 100; write e.g. 10% or 2.5%");
        }
        return value;
    }
}
