package dev.vrack.scenario.report;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One firing of a fault step, read back from its {@code fault.injected} event (source {@code rack}).
 *
 * @param mono    when it fired
 * @param fault   the fault id ({@code pull}, {@code freeze}, ...)
 * @param step    the step id
 * @param firing  1 for the step's first firing, 2 for the next, ...
 * @param targets the slots ({@code A/2}) or chassis ({@code A}) it acted on; empty when none matched
 * @param skipped why it acted on nothing, or null
 * @param params  the other details (the fault's parameters), in the event's order
 * @param event   the event itself
 */
public record FaultFiring(long mono, String fault, String step, int firing, List<String> targets, String skipped,
                          Map<String, Object> params, Event event) {

    /** The event type a firing is recorded as. */
    public static final String EVENT_TYPE = "fault.injected";

    private static final Set<String> KNOWN = Set.of("fault", "step", "firing", "targets", "skipped");

    public FaultFiring {
        targets = List.copyOf(targets);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Every firing in a history, in time order. Details that are missing read as "?" (a report must not fail). */
    public static List<FaultFiring> in(List<Event> history) {
        List<FaultFiring> firings = new ArrayList<>();
        for (Event event : history) {
            if (EVENT_TYPE.equals(event.type())) {
                firings.add(of(event));
            }
        }
        firings.sort(java.util.Comparator.comparingLong(FaultFiring::mono));
        return firings;
    }

    /** One firing from its event. */
    public static FaultFiring of(Event event) {
        Map<String, Object> details = event.details();
        List<String> targets = new ArrayList<>();
        if (details.get("targets") instanceof List<?> list) {
            list.forEach(t -> targets.add(String.valueOf(t)));
        }
        int firing = details.get("firing") instanceof Number n ? n.intValue() : 1;
        Map<String, Object> params = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (!KNOWN.contains(key)) {
                params.put(key, value);
            }
        });
        Object skipped = details.get("skipped");
        return new FaultFiring(event.mono(), text(details.get("fault")), text(details.get("step")), firing, targets,
                skipped == null ? null : String.valueOf(skipped), params, event);
    }

    /** "pull-one #2". */
    public String label() {
        return step + " #" + firing;
    }

    /** Whether it acted on this slot: named directly, or its chassis was the target. */
    public boolean targets(String slot) {
        for (String target : targets) {
            if (target.equals(slot) || (target.indexOf('/') < 0 && slot.startsWith(target + "/"))) {
                return true;
            }
        }
        return false;
    }

    private static String text(Object value) {
        return value == null ? "?" : String.valueOf(value);
    }
}
