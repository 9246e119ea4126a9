package dev.vrack.mgmt;

import dev.vrack.cartridge.CartridgeProcess;

/** The management cartridge process, started by a chassis in an I/O-bus slot. */
public final class ManagementCartridgeMain {

    private ManagementCartridgeMain() {
    }

    public static void main(String[] args) {
        System.exit(CartridgeProcess.launch(args, System.in, new ManagementCartridge()));
    }
}
