package dev.vrack.common;

import java.nio.file.Path;

/**
 * Where everything of one running rack lives inside its state folder (see docs/ARCHITECTURE.md).
 * Every process computes paths through this class so that they agree.
 */
public record StateLayout(Path rackDir) {

    public StateLayout {
        rackDir = rackDir.toAbsolutePath().normalize();
    }

    /** The rack definition the rack was started from. */
    public Path rackFile() {
        return rackDir.resolve("rack.yml");
    }

    /** What `rack up` decided at start: ports, main classes, JVM options. */
    public Path runtimeFile() {
        return rackDir.resolve("runtime.json");
    }

    public Path controlTokenFile() {
        return rackDir.resolve("control-token");
    }

    public Path chassisDir(String chassis) {
        return rackDir.resolve("chassis").resolve(chassis);
    }

    public Path controlFile(String chassis) {
        return chassisDir(chassis).resolve("control.json");
    }

    public Path cartridgesFile(String chassis) {
        return chassisDir(chassis).resolve("cartridges.json");
    }

    public Path eventsDir() {
        return rackDir.resolve("events");
    }

    public Path chassisEvents(String chassis) {
        return eventsDir().resolve(chassis + ".jsonl");
    }

    public Path cartridgeEvents(String chassis, int slot) {
        return eventsDir().resolve(chassis + "-" + slot + ".jsonl");
    }

    public Path logsDir() {
        return rackDir.resolve("logs");
    }

    public Path chassisLog(String chassis) {
        return logsDir().resolve(chassis + ".log");
    }

    public Path cartridgeLog(String chassis, int slot) {
        return logsDir().resolve(chassis + "-" + slot + ".log");
    }

    public Path leaseFile() {
        return rackDir.resolve("dhcp").resolve("leases.csv");
    }

    public Path cardsDir() {
        return rackDir.resolve("cards");
    }

    /** The card image provisioned for a configured cartridge. */
    public Path cardFor(String chassis, int slot) {
        return cardsDir().resolve(chassis + "-" + slot + ".card");
    }

    public Path keysDir() {
        return rackDir.resolve("keys");
    }

    /** The event source name of a slot, e.g. {@code A/3}. */
    public static String slotSource(String chassis, int slot) {
        return chassis + "/" + slot;
    }
}
