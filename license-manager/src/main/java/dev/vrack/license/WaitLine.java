package dev.vrack.license;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The queue of requests waiting for a seat, one first-in first-out line per application. */
final class WaitLine {

    private final Map<String, List<ExecutionRequest>> lines = new HashMap<>();

    /**
     * Puts a request in line and returns its 1-based position. A holder already in line keeps its place
     * (its fixed-interval retry must not push it back) and the newer request replaces the older.
     */
    int enqueue(ExecutionRequest request) {
        List<ExecutionRequest> line = lines.computeIfAbsent(request.appId(), a -> new ArrayList<>());
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).holder().equals(request.holder())) {
                line.set(i, request);
                return i + 1;
            }
        }
        line.add(request);
        return line.size();
    }

    Optional<ExecutionRequest> poll(String appId) {
        List<ExecutionRequest> line = lines.get(appId);
        return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.remove(0));
    }

    void removeSession(long session) {
        lines.values().forEach(line -> line.removeIf(r -> r.holder().session() == session));
    }

    void remove(Holder holder, String appId) {
        List<ExecutionRequest> line = lines.get(appId);
        if (line != null) {
            line.removeIf(r -> r.holder().equals(holder));
        }
    }

    int waiting(String appId) {
        List<ExecutionRequest> line = lines.get(appId);
        return line == null ? 0 : line.size();
    }

    List<String> apps() {
        return List.copyOf(lines.keySet());
    }
}
