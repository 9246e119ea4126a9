package dev.vrack.app;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.ChassisIdReading;
import java.util.concurrent.TimeUnit;

/**
 * The chassis ID as this slot could learn it. Off the I/O bus the chassis refuses the ID memory; then
 * the ID stays empty until asking the slot-0 cartridge is possible (licensing work).
 *
 * @param chassisId the ID, or empty when refused
 * @param idMemory  {@code read} or {@code refused}, shown in the slot's state details
 */
public record ChassisIdentity(String chassisId, String idMemory) {

    private static final long ANSWER_SECONDS = 10;

    public static ChassisIdentity ask(CartridgeContext context) throws Exception {
        ChassisIdReading reading = context.backplane().readIdMemory().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        return reading.refused() ? new ChassisIdentity("", "refused") : new ChassisIdentity(reading.chassisId(), "read");
    }
}
