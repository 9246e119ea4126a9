package dev.vrack.cartridge;

/**
 * The outcome of asking the slot's bus for the ID memory: the chassis ID, or the chassis's refusal
 * (the slot is not wired to the I/O bus).
 */
public record ChassisIdReading(String chassisId, boolean refused, String reason) {

    public static ChassisIdReading read(String chassisId) {
        return new ChassisIdReading(chassisId, false, "");
    }

    public static ChassisIdReading refused(String reason) {
        return new ChassisIdReading("", true, reason);
    }
}
