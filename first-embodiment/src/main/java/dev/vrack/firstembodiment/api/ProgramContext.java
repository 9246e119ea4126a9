package dev.vrack.firstembodiment.api;

import java.util.Set;

/** What the processing device exposes to a running program: its ID and the functions the license allows. */
public interface ProgramContext {

    /** The device's read-only identification (not a secret). */
    String deviceId();

    /** The functions the software license key allows, by name. */
    Set<String> allowedFunctions();

    /**
     * Calls another function of the program through the device, which refuses a function the license key does
     * not allow: a program cannot reach a disallowed function even from inside an allowed one.
     */
    String call(String function, String input) throws Exception;
}
