package dev.vrack.cli;

import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder that holds the state of every rack of a user: {@code --state-dir}, else
 * {@code $RACK_STATE_DIR}, else {@code ~/.local/state/vrack}. Each rack lives in a subfolder named after it.
 */
public record StateRoot(Path dir) {

    public static final String ENV = "RACK_STATE_DIR";

    public static StateRoot resolve(Path option) {
        if (option != null) {
            return new StateRoot(option.toAbsolutePath().normalize());
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new StateRoot(Path.of(env).toAbsolutePath().normalize());
        }
        return new StateRoot(Path.of(System.getProperty("user.home"), ".local", "state", "vrack"));
    }

    public StateLayout rack(String name) {
        return new StateLayout(dir.resolve(name));
    }

    /** Names of the racks that have a state folder here (running or not). */
    public List<String> rackNames() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("rack.yml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list the state folder " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The rack a command acts on: the one named, else the only one there is.
     */
    public StateLayout select(String name) {
        if (name != null) {
            StateLayout layout = rack(name);
            if (!Files.isRegularFile(layout.rackFile())) {
                throw new CliException("no rack named '" + name + "' in " + dir
                        + "; racks here: " + describe(rackNames()) + " (start one with: rack up FILE)");
            }
            return layout;
        }
        List<String> names = rackNames();
        if (names.isEmpty()) {
            throw new CliException("no rack in " + dir + "; start one with: rack up cluster-configs/demo.yml"
                    + " (or point --state-dir / " + ENV + " at the folder you used)");
        }
        if (names.size() > 1) {
            throw new CliException("several racks in " + dir + ": " + describe(names) + "; name one with --rack NAME");
        }
        return rack(names.get(0));
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
