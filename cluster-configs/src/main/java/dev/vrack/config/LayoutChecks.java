package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks how chassis and cartridges are laid out: unique chassis names and IDs, slot numbers that exist and are
 * used once, I/O bus slots that exist, exactly one management cartridge (in an I/O bus slot, since it reads the
 * USB key) whenever there is an app cartridge, and a card for every app cartridge.
 */
final class LayoutChecks {

    /** A cartridge and where it sits, for messages that refer back to it. */
    private record Seat(int chassisIndex, int cartridgeIndex, ChassisConfig chassis, CartridgeConfig cartridge) {
        FieldPath path() {
            return Fields.cartridge(chassisIndex, cartridgeIndex);
        }

        String name() {
            return chassis.name() + "/" + cartridge.slot();
        }
    }

    private final RackConfig config;
    private final ProblemSink problems;

    LayoutChecks(RackConfig config, ProblemSink problems) {
        this.config = config;
        this.problems = problems;
    }

    void run() {
        uniqueChassis();
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < config.chassis().size(); i++) {
            ChassisConfig chassis = config.chassis().get(i);
            ioBus(i, chassis);
            for (int j = 0; j < chassis.cartridges().size(); j++) {
                seats.add(new Seat(i, j, chassis, chassis.cartridges().get(j)));
            }
        }
        slots(seats);
        management(seats);
        cards(seats);
    }

    private void uniqueChassis() {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < config.chassis().size(); i++) {
            ChassisConfig chassis = config.chassis().get(i);
            // Names become file names (events/A.jsonl): A and a would collide on a case-insensitive disk.
            Integer sameName = names.putIfAbsent(chassis.name().toLowerCase(Locale.ROOT), i);
            if (sameName != null) {
                String other = config.chassis().get(sameName).name();
                problems.add(Fields.chassis(i).field("name"), "chassis name " + chassis.name() + " is already used by "
                        + "chassis[" + sameName + "] (line " + problems.lineOf(Fields.chassis(sameName)) + ")"
                        + (other.equals(chassis.name()) ? "" : " as " + other + " (names may not differ only in case)")
                        + "; give every chassis its own name");
            }
            Integer sameId = ids.putIfAbsent(chassis.chassisId(), i);
            if (sameId != null) {
                problems.add(Fields.chassis(i).field("chassisId"), "chassis ID " + chassis.chassisId()
                        + " is already the ID of chassis " + config.chassis().get(sameId).name() + " (line "
                        + problems.lineOf(Fields.chassis(sameId).field("chassisId")) + "); every chassis has its own "
                        + "ID in its ID memory, and licenses name chassis by it");
            }
        }
    }

    /** Walks ioBus as written (the config holds a sorted set, but a message must name the written position). */
    private void ioBus(int index, ChassisConfig chassis) {
        FieldPath path = Fields.chassis(index).field("ioBus");
        JsonNode written = problems.valueAt(path);
        for (int k = 0; k < written.size(); k++) {
            int slot = written.get(k).asInt();
            if (slot >= chassis.slots()) {
                problems.add(path.index(k), noSuchSlot(slot, chassis));
            }
        }
    }

    private void slots(List<Seat> seats) {
        Map<String, Seat> taken = new HashMap<>();
        for (Seat seat : seats) {
            int slot = seat.cartridge().slot();
            FieldPath path = seat.path().field("slot");
            if (slot >= seat.chassis().slots()) {
                problems.add(path, noSuchSlot(slot, seat.chassis()));
                continue;
            }
            Seat earlier = taken.putIfAbsent(seat.chassisIndex() + "/" + slot, seat);
            if (earlier != null) {
                problems.add(path, "slot " + slot + " of chassis " + seat.chassis().name() + " is already taken by "
                        + "cartridges[" + earlier.cartridgeIndex() + "] (line " + problems.lineOf(earlier.path())
                        + "); a slot holds one cartridge, so pick a free slot");
            }
        }
    }

    private static String noSuchSlot(int slot, ChassisConfig chassis) {
        String range = chassis.slots() == 1 ? "only slot 0" : "slots 0.." + (chassis.slots() - 1);
        return "slot " + slot + " does not exist; chassis " + chassis.name() + " has " + range;
    }

    private void management(List<Seat> seats) {
        List<Seat> managers = seats.stream().filter(s -> s.cartridge().kind() == CartridgeKind.MANAGEMENT).toList();
        boolean anyApp = seats.stream().anyMatch(s -> s.cartridge().kind() == CartridgeKind.APP);
        if (managers.isEmpty() && anyApp) {
            problems.add(Fields.CHASSIS, "the rack has app cartridges but no management cartridge, so nothing would "
                    + "give them addresses or licenses; add one in an I/O bus slot, e.g. '- {slot: 0, kind: "
                    + "management}' in the cartridges of chassis " + config.chassis().get(0).name());
        }
        for (int m = 1; m < managers.size(); m++) {
            Seat first = managers.get(0);
            problems.add(managers.get(m).path().field("kind"), "a second management cartridge; the rack already has "
                    + "one in " + first.name() + " (line " + problems.lineOf(first.path()) + ") and runs exactly one "
                    + "DHCP server and license manager: make this one 'kind: app' (with a card) or remove it");
        }
        for (Seat manager : managers) {
            ChassisConfig chassis = manager.chassis();
            int slot = manager.cartridge().slot();
            if (slot < chassis.slots() && !chassis.isIoBus(slot)) {
                String wiring = chassis.ioBus().isEmpty() ? "chassis " + chassis.name() + " has no I/O bus slot"
                        : "slot " + slot + " of chassis " + chassis.name() + " is not wired to the I/O bus (ioBus: "
                        + chassis.ioBus() + ")";
                String fix = chassis.ioBus().isEmpty() ? "add " + slot + " to ioBus"
                        : "move it to slot " + chassis.ioBus().first() + " or add " + slot + " to ioBus";
                problems.add(manager.path().field("slot"), "the management cartridge must sit in a slot wired to "
                        + "the I/O bus, because it reads the USB key; " + wiring + ": " + fix);
            }
        }
    }

    private void cards(List<Seat> seats) {
        for (Seat seat : seats) {
            if (seat.cartridge().kind() == CartridgeKind.APP && seat.cartridge().card().isEmpty()) {
                problems.add(seat.path(), "the app cartridge in " + seat.name() + " needs a card: add 'card: www' "
                        + "(an application id to provision) or 'card: path/to/image.card'");
            }
        }
    }
}
