package dev.vrack.firstembodiment.api;

import java.util.Map;

/**
 * A program that a processing device of the first embodiment runs from its decrypted image, in memory.
 * It offers named functions; the device calls, and lets the program reach, only the functions that the
 * software license key allows (seed 000: "performs only those functions which are allowed by the conditions
 * of use").
 *
 * <p>An implementation has a public no-argument constructor and is named by the jar manifest attribute
 * {@code Device-Program-Class}. It may use only the JDK and this package: the device hides everything else.
 */
public interface DeviceProgram {

    /** The program's functions by name, e.g. "count" or "export". */
    Map<String, ProgramFunction> functions();
}
