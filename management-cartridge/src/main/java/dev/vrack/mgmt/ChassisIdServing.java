package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.ChassisIdService;
import java.net.InetSocketAddress;

/**
 * The chassis ID service of the management cartridge (FIG. 28): as the slot-0 cartridge of its chassis, it tells
 * the other cartridges of the chassis the ID they cannot read themselves.
 */
final class ChassisIdServing implements ManagementService {

    private final ManagementSetting setting;
    private ChassisIdService service;

    ChassisIdServing(ManagementSetting setting) {
        this.setting = setting;
    }

    @Override
    public String name() {
        return "chassis-id";
    }

    @Override
    public void start(CartridgeContext context) throws Exception {
        service = ChassisIdService.start(new InetSocketAddress(setting.rack().dhcp().server().toInetAddress(),
                        setting.runtime().licensing().chassisIdPort()),
                context.welcome().getChassis(), setting.chassisId(), context.link());
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
        }
    }
}
