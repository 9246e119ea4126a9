package dev.vrack.chassis;

import java.nio.file.Path;

/**
 * The command line of the chassis process: {@code --state <rackStateDir> --chassis <name>}.
 *
 * @param stateDir the rack's state folder
 * @param chassis  the chassis's name in rack.yml
 */
public record ChassisArgs(Path stateDir, String chassis) {

    static final String USAGE = "usage: ChassisMain --state <rack state folder> --chassis <name>";

    /** Parses the arguments or throws with what is wrong and the usage line. */
    public static ChassisArgs parse(String[] args) {
        Path state = null;
        String chassis = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--state" -> state = Path.of(value);
                case "--chassis" -> chassis = value;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (state == null || chassis == null || chassis.isBlank()) {
            throw new IllegalArgumentException("both --state and --chassis are required\n" + USAGE);
        }
        return new ChassisArgs(state.toAbsolutePath().normalize(), chassis);
    }
}
