package dev.vrack.cartridge;

import java.time.Duration;
import java.util.Map;

/** A cartridge process whose program only reports "up": lets tests watch the process life cycle. */
public final class IdleCartridgeMain {

    private IdleCartridgeMain() {
    }

    public static void main(String[] args) {
        System.exit(CartridgeProcess.launch(args, System.in, new CartridgeProgram() {
            @Override
            public String kind() {
                return "app";
            }

            @Override
            public void boot(CartridgeContext context) throws Exception {
                context.backplane().reportState("up", Map.of()).get();
            }

            @Override
            public void stop(CartridgeContext context, Duration deadline) {
            }
        }));
    }
}
