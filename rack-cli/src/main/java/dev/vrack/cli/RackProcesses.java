package dev.vrack.cli;

/** The main classes of the rack's processes, in one place for the launcher. */
final class RackProcesses {

    static final String CHASSIS_MAIN = "dev.vrack.chassis.ChassisMain";
    static final String MANAGEMENT_MAIN = "dev.vrack.mgmt.ManagementCartridgeMain";
    static final String APP_MAIN = "dev.vrack.app.AppCartridgeMain";

    /** A chassis is a small process too: a few Netty channels and its supervisor. */
    static final java.util.List<String> CHASSIS_JVM = dev.vrack.common.JavaProcess.SMALL_JVM;

    private RackProcesses() {
    }
}
