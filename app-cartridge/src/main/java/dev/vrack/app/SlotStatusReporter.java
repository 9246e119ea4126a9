package dev.vrack.app;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.dhcp.Lease;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.card.MemoryCard;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tells the chassis what the slot's status shows: the address, the state of the cartridge, the license state. */
final class SlotStatusReporter implements LanParticipant {

    private final CartridgeContext context;
    private final MemoryCard card;
    private volatile ChassisIdentity identity;
    private volatile String license = "";
    private volatile boolean up;

    SlotStatusReporter(CartridgeContext context, MemoryCard card, ChassisIdentity identity) {
        this.context = context;
        this.card = card;
        this.identity = identity;
    }

    @Override
    public void joined(Lease lease) {
        ReportAddress address = ReportAddress.newBuilder()
                .setIp(lease.ip().toString())
                .setServerId(lease.server().toString())
                .setLeaseExpiresEpochMs(lease.expiresAtEpochMs())
                .build();
        up = true;
        context.backplane().reportAddress(address)
                .thenCompose(ok -> context.backplane().reportState("up", details()))
                .whenComplete((ok, error) -> complain(error, "up"));
    }

    /** The license agent's state changed (requesting, waiting, running, ...): show it in the slot's status. */
    void license(String state) {
        license = state;
        reportUp();
    }

    /** The chassis ID became known (asked of slot 0 after the address came). */
    void identity(ChassisIdentity learned) {
        identity = learned;
        reportUp();
    }

    private void reportUp() {
        if (up) {
            context.backplane().reportState("up", details()).whenComplete((ok, error) -> complain(error, "up"));
        }
    }

    private Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("app", card.getApplicationId());
        details.put("chassisId", identity.chassisId());
        details.put("idMemory", identity.idMemory());
        if (!license.isEmpty()) {
            details.put("license", license);
        }
        return details;
    }

    @Override
    public void lost(String reason) {
        up = false;
        context.backplane().reportState("booting", Map.of("reason", reason))
                .whenComplete((ok, error) -> complain(error, "booting"));
    }

    private void complain(Throwable error, String state) {
        if (error != null) {
            System.err.println("app cartridge " + context.args().source() + ": cannot report " + state + ": " + error);
        }
    }
}
