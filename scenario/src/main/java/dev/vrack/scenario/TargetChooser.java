package dev.vrack.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides which slots a firing acts on, deterministically: the same seed, step and firing number over the same
 * candidates always give the same targets in the same order. Each (step, firing) draws from its own
 * {@link Random}, seeded from the scenario's seed, the step id and the firing number, so adding a step or a
 * firing never shifts another's draw. It remembers its choices so a {@link TargetSpec.SameAs} step repeats them.
 */
public final class TargetChooser {

    /** Slots in rack order: by chassis name, then slot number (so A/2 comes before A/10). */
    private static final Comparator<SlotView> RACK_ORDER =
            Comparator.comparing(SlotView::chassis).thenComparingInt(SlotView::slot);

    private final long seed;
    private final Map<String, Map<Integer, List<String>>> chosen = new HashMap<>();

    public TargetChooser(long seed) {
        this.seed = seed;
    }

    /**
     * The names the step's {@code firing} (1-based) acts on. Named targets come back as given, a selector's from
     * {@code candidates} (the rack's slots at that moment), {@link TargetSpec.SameAs} from what was chosen for
     * that step before; no target gives an empty list. An empty answer means nothing matched.
     */
    public List<String> choose(Step step, int firing, List<SlotView> candidates) {
        TargetSpec spec = step.targets();
        List<String> names;
        if (spec instanceof TargetSpec.Named named) {
            names = named.names();
        } else if (spec instanceof TargetSpec.SameAs same) {
            names = previous(same.stepId(), firing);
        } else if (spec instanceof TargetSpec.Selector selector) {
            names = select(selector, step.id(), firing, candidates);
        } else {
            names = List.of();
        }
        chosen.computeIfAbsent(step.id(), id -> new HashMap<>()).put(firing, names);
        return names;
    }

    private List<String> select(TargetSpec.Selector selector, String stepId, int firing, List<SlotView> candidates) {
        List<SlotView> matching = candidates.stream()
                .filter(SlotView::occupied)
                .filter(s -> selector.kind().map(k -> k.equals(s.kind())).orElse(true))
                .filter(s -> selector.app().map(a -> a.equals(s.app())).orElse(true))
                .filter(s -> selector.licensed().map(l -> l == s.licensed()).orElse(true))
                .filter(s -> selector.chassis().map(c -> c.equals(s.chassis())).orElse(true))
                .sorted(RACK_ORDER)
                .toList();
        if (selector.random().isEmpty()) {
            return matching.stream().map(SlotView::name).toList();
        }
        return draw(matching, selector.random().getAsInt(), new Random(drawSeed(seed, stepId, firing)));
    }

    /** The first {@code n} of a partial Fisher-Yates shuffle: n distinct slots, in the order they were drawn. */
    private static List<String> draw(List<SlotView> matching, int n, Random random) {
        List<SlotView> pool = new ArrayList<>(matching);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < Math.min(n, pool.size()); i++) {
            int pick = i + random.nextInt(pool.size() - i);
            SlotView picked = pool.get(pick);
            pool.set(pick, pool.get(i));
            pool.set(i, picked);
            drawn.add(picked.name());
        }
        return List.copyOf(drawn);
    }

    /** What step {@code stepId} chose at the same firing number, else at its latest firing before; else nothing. */
    private List<String> previous(String stepId, int firing) {
        Map<Integer, List<String>> byFiring = chosen.getOrDefault(stepId, Map.of());
        if (byFiring.containsKey(firing)) {
            return byFiring.get(firing);
        }
        return byFiring.keySet().stream().filter(f -> f < firing).max(Integer::compare)
                .map(byFiring::get).orElse(List.of());
    }

    /** Mixes seed, step id and firing into one well-spread 64-bit seed (SplitMix64's finaliser). */
    static long drawSeed(long seed, String stepId, int firing) {
        long h = mix(seed);
        for (byte b : stepId.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return mix(h ^ firing);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
