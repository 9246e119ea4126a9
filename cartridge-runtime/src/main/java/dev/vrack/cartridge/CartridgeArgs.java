package dev.vrack.cartridge;

import dev.vrack.common.StateLayout;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line a chassis gives a cartridge process:
 * {@code --state <rackStateDir> --chassis <name> --slot <n> --backplane 127.0.0.1:<port>}.
 */
public record CartridgeArgs(Path stateDir, String chassis, int slot, InetSocketAddress backplane) {

    /** The usage line printed with every error, so a person starting a cartridge by hand knows the shape. */
    public static final String USAGE =
            "usage: --state <rackStateDir> --chassis <name> --slot <n> --backplane 127.0.0.1:<port>";

    private static final List<String> OPTIONS = List.of("--state", "--chassis", "--slot", "--backplane");

    public CartridgeArgs {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(chassis, "chassis");
        Objects.requireNonNull(backplane, "backplane");
    }

    /** The rack's state folder seen through the shared layout. */
    public StateLayout layout() {
        return new StateLayout(stateDir);
    }

    /** The event source of this slot, e.g. {@code A/3}. */
    public String source() {
        return StateLayout.slotSource(chassis, slot);
    }

    /** Parses the arguments, naming the option that is wrong and how to fix it. */
    public static CartridgeArgs parse(String[] args) throws CartridgeArgsException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String inlineValue = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                inlineValue = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            if (!OPTIONS.contains(option)) {
                throw new CartridgeArgsException("unknown argument '" + args[i] + "'; " + USAGE);
            }
            if (values.containsKey(option)) {
                throw new CartridgeArgsException(option + " is given twice; give it once. " + USAGE);
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new CartridgeArgsException(option + " needs a value; " + USAGE);
                }
                value = args[++i];
            }
            values.put(option, value);
        }
        for (String option : OPTIONS) {
            if (!values.containsKey(option) || values.get(option).isBlank()) {
                throw new CartridgeArgsException("missing " + option + "; " + USAGE);
            }
        }
        return new CartridgeArgs(parseState(values.get("--state")), parseChassis(values.get("--chassis")),
                parseSlot(values.get("--slot")), parseBackplane(values.get("--backplane")));
    }

    private static Path parseState(String text) throws CartridgeArgsException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new CartridgeArgsException("--state '" + text + "' is not a usable path: " + e.getMessage());
        }
    }

    private static String parseChassis(String text) throws CartridgeArgsException {
        // The chassis name becomes part of file names and of the event source "A/3".
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new CartridgeArgsException("--chassis '" + text
                    + "' is not a chassis name: use letters, digits, '-', '_' or '.', like A or rack-b");
        }
        return text;
    }

    private static int parseSlot(String text) throws CartridgeArgsException {
        try {
            int slot = Integer.parseInt(text.trim());
            if (slot < 0) {
                throw new CartridgeArgsException("--slot must be 0 or more, got " + slot);
            }
            return slot;
        } catch (NumberFormatException e) {
            throw new CartridgeArgsException("--slot must be a slot number like 3, got '" + text + "'");
        }
    }

    private static InetSocketAddress parseBackplane(String text) throws CartridgeArgsException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CartridgeArgsException("--backplane must be host:port like 127.0.0.1:40123, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CartridgeArgsException("--backplane port must be a number like 127.0.0.1:40123, got '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new CartridgeArgsException("--backplane port must be 1..65535, got " + port);
        }
        dev.vrack.common.Ipv4Address address;
        try {
            address = dev.vrack.common.Ipv4Address.parse(host);
        } catch (IllegalArgumentException e) {
            throw new CartridgeArgsException("--backplane host must be a loopback IPv4 address like 127.0.0.1: "
                    + e.getMessage());
        }
        // The backplane is inside the machine; anything off loopback is a misconfiguration, never a target.
        if (!address.isLoopback()) {
            throw new CartridgeArgsException("--backplane host " + host
                    + " is not in 127.0.0.0/8; the chassis connector is always on loopback, e.g. 127.0.0.1");
        }
        return new InetSocketAddress(address.toInetAddress(), port);
    }
}
