package dev.vrack.chassis.backplane;

import dev.vrack.proto.backplane.Welcome;

/**
 * A Hello the chassis accepted.
 *
 * @param generation the power-on the connection belongs to; later reports are checked against it
 * @param welcome    what the cartridge learns about its slot
 */
public record Admission(long generation, Welcome welcome) {
}
