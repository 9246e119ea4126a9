package dev.vrack.cartridge;

import dev.vrack.common.TimeSource;
import java.io.InputStream;

/** Runs a cartridge program as a process started by a chassis: arguments, nonce on stdin, halt on power loss. */
public final class CartridgeProcess {

    /** Exit code for a command line or stdin that cannot be used. */
    public static final int EXIT_USAGE = 2;

    private CartridgeProcess() {
    }

    /** Returns the exit code; the caller's {@code main} is the only place that exits. */
    public static int launch(String[] argv, InputStream stdin, CartridgeProgram program) {
        CartridgeArgs args;
        String nonce;
        try {
            args = CartridgeArgs.parse(argv);
            nonce = NonceReader.read(stdin, NonceReader.DEFAULT_TIMEOUT);
        } catch (CartridgeArgsException e) {
            System.err.println(program.kind() + " cartridge: " + e.getMessage());
            return EXIT_USAGE;
        }
        return new Cartridge(args, nonce, program, PowerLoss.HALT_PROCESS, TimeSource.SYSTEM).run();
    }
}
