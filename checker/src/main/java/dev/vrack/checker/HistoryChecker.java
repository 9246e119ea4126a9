package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives a verdict on a run's history, the way Jepsen's checkers do: the merged events in, valid or not plus the
 * offending intervals out. Pure and single pass: linear in the number of events.
 *
 * <p>An instance of application X runs in slot S from its agent's {@code app.started} (source S) until the first
 * of: its {@code app.suspended} or {@code app.stopped} (source S); the chassis's {@code slot.removed},
 * {@code slot.powered} with {@code on=false}, {@code cartridge.exited} or {@code slot.inserted} for source S, or
 * {@code chassis.stopped} of S's chassis; a later {@code app.started} of S (a restart implies the earlier
 * ended). An {@code app.suspended} written late by a process that was frozen ends the instance at its
 * {@code permittedUntilMono} (see {@link LateSuspensions}). Invariants: (a) no over-grant, see {@link AppSeats} for the exact rule; (b) no leaked seat, see
 * {@link LeakCheck}; (c) every {@code app.suspended} has a non-empty {@code reason}. A seat counted by a
 * manager dies with the manager's process (its chassis's end event for the manager's slot).
 *
 * <p>While it checks it records each application's {@link AppTimeline} ({@link Verdict#timelines()}): the same
 * counting, exposed for reports and scenario expectations.
 *
 * <p>Events lacking a detail the checker needs are {@link Invariant#MALFORMED_EVENT} violations, never
 * exceptions: a checker cannot vouch for a history it cannot read.
 */
public final class HistoryChecker {

    private final CheckerOptions options;

    public HistoryChecker(CheckerOptions options) {
        this.options = options;
    }

    /** A checker with {@link CheckerOptions#defaults()}. */
    public HistoryChecker() {
        this(CheckerOptions.defaults());
    }

    /** Checks a history; events should be sorted by {@code mono} (they are sorted here if they are not). */
    public Verdict check(List<Event> history) {
        return new Run(sortedByMono(LateSuspensions.retime(history)), options.marginMs()).check();
    }

    private static List<Event> sortedByMono(List<Event> history) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).mono() < history.get(i - 1).mono()) {
                List<Event> sorted = new ArrayList<>(history);
                sorted.sort(Comparator.comparingLong(Event::mono));
                return sorted;
            }
        }
        return history;
    }

    /** The state of one pass over one history. */
    private static final class Run {

        private final List<Event> events;
        private final long marginMs;
        private final List<Violation> violations = new ArrayList<>();
        private final Map<String, AppSeats> apps = new TreeMap<>();
        private final Map<SlotName, SlotRecord> slots = new HashMap<>();
        private final Map<String, Set<SlotName>> slotsByChassis = new HashMap<>();
        private final SeatLedger ledger = new SeatLedger();

        Run(List<Event> events, long marginMs) {
            this.events = events;
            this.marginMs = marginMs;
        }

        Verdict check() {
            for (Event event : events) {
                try {
                    apply(event);
                } catch (MalformedEventException e) {
                    violations.add(new Violation(Invariant.MALFORMED_EVENT, appOf(event), Moment.of(event),
                            Moment.of(event), e.getMessage(), List.of(event)));
                }
            }
            if (events.isEmpty()) {
                return new Verdict(true, 0, null, null, List.of(), violations, List.of());
            }
            Event last = events.get(events.size() - 1);
            List<PendingReclaim> pending = new ArrayList<>();
            List<Grant> outstanding = ledger.outstanding();
            LeakCheck.check(outstanding, slots, last, marginMs, violations, pending);
            List<AppSummary> summaries = new ArrayList<>();
            List<AppTimeline> timelines = new ArrayList<>();
            for (Map.Entry<String, AppSeats> app : apps.entrySet()) {
                app.getValue().finish(last, violations);
                int held = (int) outstanding.stream().filter(g -> g.app().equals(app.getKey())).count();
                summaries.add(app.getValue().summary(held));
                timelines.add(app.getValue().timeline());
            }
            violations.sort(Comparator.comparingLong((Violation v) -> v.from().mono())
                    .thenComparingLong(v -> v.to().mono()));
            return new Verdict(violations.isEmpty(), events.size(), Moment.of(events.get(0)), Moment.of(last),
                    summaries, violations, pending, timelines);
        }

        private void apply(Event event) throws MalformedEventException {
            if (event.type() == null) {
                throw new MalformedEventException(EventDetails.describe(event) + ": every event needs a type");
            }
            switch (event.type()) {
                case "app.started" -> {
                    SlotName slot = EventDetails.sourceSlot(event);
                    String app = EventDetails.text(event, "app");
                    SlotRecord record = slot(slot);
                    endInstance(record, event);
                    Instance instance = new Instance(slot, app, event);
                    record.current = instance;
                    app(app).start(instance);
                }
                case "app.suspended" -> {
                    SlotName slot = EventDetails.sourceSlot(event);
                    endInstance(slot(slot), event);
                    Object reason = event.details().get("reason");
                    if (!(reason instanceof String text) || text.isBlank()) {
                        violations.add(new Violation(Invariant.UNEXPLAINED_SUSPENSION, appOf(event),
                                Moment.of(event), Moment.of(event), appOrSomething(event) + " in " + slot
                                + " was suspended without a reason (detail \"reason\" is "
                                + (reason == null ? "missing" : "\"" + reason + "\"") + ")", List.of(event)));
                    }
                }
                case "app.stopped" -> endInstance(slot(EventDetails.sourceSlot(event)), event);
                case "slot.removed", "cartridge.exited", "slot.inserted" -> processEnded(EventDetails.sourceSlot(event), event);
                case "slot.powered" -> {
                    SlotName slot = EventDetails.sourceSlot(event);
                    if (!EventDetails.flag(event, "on")) {
                        processEnded(slot, event);
                    }
                }
                case "chassis.stopped" -> {
                    String chassis = event.source();
                    if (chassis == null || chassis.isBlank()) {
                        throw new MalformedEventException(EventDetails.describe(event)
                                + ": its source must name the chassis");
                    }
                    for (SlotName slot : slotsByChassis.getOrDefault(chassis, Set.of())) {
                        processEnded(slot, event);
                    }
                }
                case "license.seats" -> {
                    String app = EventDetails.text(event, "app");
                    long count = EventDetails.count(event, "count");
                    app(app).countChanged(count, event, violations);
                }
                case "license.granted" -> {
                    String app = EventDetails.text(event, "app");
                    SlotName holder = EventDetails.slot(event, "holder");
                    String lease = EventDetails.lease(event, "lease");
                    long ttlMs = EventDetails.count(event, "ttlMs");
                    String manager = event.source() == null ? "" : event.source();
                    SlotName managerSlot = SlotName.parse(manager);
                    if (managerSlot != null) {
                        slot(managerSlot); // so that chassis.stopped of its chassis ends its seats too
                    }
                    app(app);
                    ledger.grant(new Grant(lease, app, holder, manager, ttlMs, event));
                }
                case "license.reclaimed" -> ledger.reclaim(EventDetails.lease(event, "lease"));
                default -> {
                    // every other event says nothing about seats or instances
                }
            }
        }

        private void processEnded(SlotName slot, Event event) {
            SlotRecord record = slot(slot);
            endInstance(record, event);
            record.lastEnd = event;
            ledger.managerEnded(slot.text());
        }

        private void endInstance(SlotRecord record, Event event) {
            Instance instance = record.current;
            if (instance != null) {
                record.current = null;
                record.lastEnd = event;
                app(instance.app).end(instance, event, violations);
            }
        }

        private SlotRecord slot(SlotName slot) {
            SlotRecord record = slots.get(slot);
            if (record == null) {
                record = new SlotRecord();
                slots.put(slot, record);
                slotsByChassis.computeIfAbsent(slot.chassis(), c -> new LinkedHashSet<>()).add(slot);
            }
            return record;
        }

        private AppSeats app(String app) {
            return apps.computeIfAbsent(app, AppSeats::new);
        }

        private static String appOf(Event event) {
            Object app = event.details().get("app");
            return app instanceof String s && !s.isBlank() ? s : null;
        }

        private static String appOrSomething(Event event) {
            String app = appOf(event);
            return app == null ? "an application" : app;
        }
    }
}
