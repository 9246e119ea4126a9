package dev.vrack.scenario;

/**
 * Something that must hold during the run, judged afterwards on the merged event history.
 *
 * @param name      what the report and the JUnit test case call it
 * @param line      its line in the scenario file
 * @param window    when it must hold
 * @param condition what must hold
 */
public record Expectation(String name, int line, Window window, Condition condition) {
}
