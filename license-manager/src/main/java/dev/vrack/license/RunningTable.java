package dev.vrack.license;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The application running information (FIG. 30): per chassis, a table of applications by slots where a
 * mark means "this slot runs (holds a seat for) this application".
 */
final class RunningTable {

    private final Map<String, Map<String, SortedSet<Integer>>> tables = new TreeMap<>();

    void mark(String chassisId, String appId, int slot) {
        tables.computeIfAbsent(chassisId, c -> new TreeMap<>()).computeIfAbsent(appId, a -> new TreeSet<>()).add(slot);
    }

    void clear(String chassisId, String appId, int slot) {
        Map<String, SortedSet<Integer>> table = tables.get(chassisId);
        if (table == null) {
            return;
        }
        SortedSet<Integer> slots = table.get(appId);
        if (slots != null) {
            slots.remove(slot);
            if (slots.isEmpty()) {
                table.remove(appId);
            }
        }
        if (table.isEmpty()) {
            tables.remove(chassisId);
        }
    }

    boolean isMarked(String chassisId, String appId, int slot) {
        return tables.getOrDefault(chassisId, Map.of()).getOrDefault(appId, new TreeSet<>()).contains(slot);
    }

    /** The running cartridge count of an application over every chassis (FIG. 36 step S212). */
    int runningCount(String appId) {
        return tables.values().stream().mapToInt(t -> t.getOrDefault(appId, new TreeSet<>()).size()).sum();
    }

    /** A copy for reports: chassis to application to slots. */
    Map<String, Map<String, SortedSet<Integer>>> copy() {
        Map<String, Map<String, SortedSet<Integer>>> copy = new TreeMap<>();
        tables.forEach((chassis, table) -> {
            Map<String, SortedSet<Integer>> tableCopy = new TreeMap<>();
            table.forEach((app, slots) -> tableCopy.put(app, new TreeSet<>(slots)));
            copy.put(chassis, tableCopy);
        });
        return copy;
    }
}
