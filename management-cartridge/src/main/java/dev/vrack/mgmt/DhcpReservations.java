package dev.vrack.mgmt;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.StateLayout;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fixed addresses of a rack, keyed by the circuit ID the hub puts in option 82 ({@code A/3}). */
public final class DhcpReservations {

    private DhcpReservations() {
    }

    public static Map<String, Ipv4Address> of(RackConfig rack) {
        Map<String, Ipv4Address> reservations = new LinkedHashMap<>();
        for (ChassisConfig chassis : rack.chassis()) {
            chassis.cartridges().forEach(cartridge -> cartridge.address().ifPresent(address ->
                    reservations.put(StateLayout.slotSource(chassis.name(), cartridge.slot()), address)));
        }
        return reservations;
    }
}
