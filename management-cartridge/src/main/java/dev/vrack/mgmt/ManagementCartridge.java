package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeContext;
import dev.vrack.cartridge.CartridgeProgram;
import dev.vrack.proto.backplane.ReportAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The management cartridge's system programs: it learns the rack and its chassis, then runs the
 * rack's services (the DHCP server and the license manager) and tells its chassis it is up at the server address.
 */
public final class ManagementCartridge implements CartridgeProgram {

    private static final long BACKPLANE_ANSWER_SECONDS = 10;

    private final ServiceStack services = new ServiceStack();
    private final UnaryOperator<String> environment;

    /** Reads its environment (VRACK_TEST_FAULTS) from the process's. */
    public ManagementCartridge() {
        this(System::getenv);
    }

    /** With the environment given as a lookup (variable name to value, null when unset), e.g. for tests. */
    public ManagementCartridge(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String kind() {
        return "management";
    }

    @Override
    public void boot(CartridgeContext context) throws Exception {
        ManagementSetting setting = ManagementSetting.load(context);
        services.start(new DhcpService(setting), context);
        services.start(new LicenseService(setting, environment), context);
        services.start(new ChassisIdServing(setting), context);
        context.backplane().reportAddress(ReportAddress.newBuilder()
                .setIp(setting.rack().dhcp().server().toString())
                .setServerId(setting.rack().dhcp().server().toString())
                .build()).get(BACKPLANE_ANSWER_SECONDS, TimeUnit.SECONDS);
        context.backplane().reportState("up", Map.of("role", "dhcp-server", "chassisId", setting.chassisId(),
                        "licenseManager", setting.rack().dhcp().server() + ":" + setting.runtime().licensing().licensePort()))
                .get(BACKPLANE_ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop(CartridgeContext context, Duration deadline) {
        services.stopAll();
    }

    @Override
    public void powerCut(CartridgeContext context) {
        services.stopAll();
    }
}
