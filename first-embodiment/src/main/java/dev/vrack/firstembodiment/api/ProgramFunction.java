package dev.vrack.firstembodiment.api;

/** One function of a {@link DeviceProgram}: text in, text out. */
@FunctionalInterface
public interface ProgramFunction {

    /** Runs the function; ctx gives the program the functions it may reach and nothing more. */
    String apply(String input, ProgramContext ctx) throws Exception;
}
