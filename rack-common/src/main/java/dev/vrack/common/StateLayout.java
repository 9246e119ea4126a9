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

    /** The hardware key image a rack definition's {@code usbKey} refers to (a key name, or a path to an image). */
    public Path keyImage(String usbKey) {
        return keysDir().resolve(keyName(usbKey) + ".hwkey");
    }

    /** The name of a key: the value itself, or the file name of an image path without {@code .hwkey}. */
    public static String keyName(String usbKey) {
        String name = Path.of(usbKey).getFileName().toString();
        return name.endsWith(".hwkey") ? name.substring(0, name.length() - ".hwkey".length()) : name;
    }

    /** The per-installation secret of the emulated dongles (their "secure element"), mode 600. */
    public Path dongleSecret() {
        return keysDir().resolve("dongle.secret");
    }

    public Path authorityDir() {
        return rackDir.resolve("authority");
    }

    /** The public key of the authority that signed this rack's keys and licenses: the chassis's trust anchor. */
    public Path authorityPublicKey() {
        return authorityDir().resolve("authority.pub");
    }

    /** The authority's private key, encrypted under a passphrase; only written when one is given. */
    public Path authorityPrivateKey() {
        return authorityDir().resolve("authority.key");
    }

    /** Class-data sharing archives, shared by every rack of the state folder (see {@link ClassDataSharing}). */
    public Path cdsDir() {
        return rackDir.getParent().resolve(".cds");
    }

    /** The NAS folder the license manager loads execution licenses ({@code *.lic}) from. */
    public Path nasDir() {
        return rackDir.resolve("nas");
    }

    /** The event source name of a slot, e.g. {@code A/3}. */
    public static String slotSource(String chassis, int slot) {
        return chassis + "/" + slot;
    }
}
