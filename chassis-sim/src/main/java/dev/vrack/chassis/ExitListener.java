package dev.vrack.chassis;

/** Told when a supervised cartridge process has exited. */
@FunctionalInterface
public interface ExitListener {

    void exited(RunningCartridge cartridge, int exitCode);
}
