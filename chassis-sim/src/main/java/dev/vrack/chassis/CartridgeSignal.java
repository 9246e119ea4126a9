package dev.vrack.chassis;

import dev.vrack.chassis.ChassisException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The signals the chassis may send to a cartridge process it started: KILL (SIGKILL, a crash as far as the
 * slot is concerned), STOP and CONT (freeze and thaw it). Java has no API for STOP and CONT, so those go
 * through the {@code kill} command, to exactly the PID the chassis started.
 */
public enum CartridgeSignal {
    KILL, STOP, CONT;

    private static final long KILL_COMMAND_TIMEOUT_S = 5;

    /** The signal named {@code text} (KILL, STOP, CONT; any case), or null if there is none. */
    public static CartridgeSignal parse(String text) {
        for (CartridgeSignal s : values()) {
            if (s.name().equals(text.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }

    /** Sends this signal to {@code process}; a failure says why. */
    void send(Process process) {
        if (this == KILL) {
            process.destroyForcibly();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name(), Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new ChassisException(Reason.INTERNAL, "kill -" + name() + " " + process.pid()
                        + " did not finish within " + KILL_COMMAND_TIMEOUT_S + " s", "see the chassis log");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new ChassisException(Reason.INTERNAL, "kill -" + name() + " " + process.pid() + " failed: "
                        + output, "the process may have exited meanwhile; rack status shows the slot");
            }
        } catch (IOException e) {
            throw new ChassisException(Reason.INTERNAL, "cannot run the kill command to send SIG" + name() + ": "
                    + e.getMessage(), "the chassis needs kill(1) on its PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChassisException(Reason.INTERNAL, "interrupted while sending SIG" + name(), "try again");
        }
    }
}
