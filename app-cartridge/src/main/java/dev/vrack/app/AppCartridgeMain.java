package dev.vrack.app;

import dev.vrack.cartridge.CartridgeProcess;

/** The app cartridge process, started by a chassis in any slot with an app card. */
public final class AppCartridgeMain {

    private AppCartridgeMain() {
    }

    public static void main(String[] args) {
        System.exit(CartridgeProcess.launch(args, System.in, new AppCartridge()));
    }
}
