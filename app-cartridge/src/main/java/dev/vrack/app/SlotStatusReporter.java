package dev.vrack.app;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.dhcp.Lease;
import dev.vrack.proto.backplane.ReportAddress;
import dev.vrack.proto.card.MemoryCard;
import java.util.Map;

/** Tells the chassis what the slot's status shows: the address and the state of the cartridge. */
final class SlotStatusReporter implements LanParticipant {

    private final CartridgeContext context;
    private final MemoryCard card;
    private final ChassisIdentity identity;

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
        context.backplane().reportAddress(address)
                .thenCompose(ok -> context.backplane().reportState("up", Map.of(
                        "app", card.getApplicationId(),
                        "chassisId", identity.chassisId(),
                        "idMemory", identity.idMemory())))
                .whenComplete((ok, error) -> complain(error, "up"));
    }

    @Override
    public void lost(String reason) {
        context.backplane().reportState("booting", Map.of("reason", reason))
                .whenComplete((ok, error) -> complain(error, "booting"));
    }

    private void complain(Throwable error, String state) {
        if (error != null) {
            System.err.println("app cartridge " + context.args().source() + ": cannot report " + state + ": " + error);
        }
    }
}
