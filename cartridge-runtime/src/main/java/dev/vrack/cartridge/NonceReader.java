package dev.vrack.cartridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the one-line nonce the chassis writes to a cartridge's standard input when it powers the slot. */
public final class NonceReader {

    /** How long a cartridge waits for its nonce; the chassis writes it right after starting the process. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_LENGTH = 256;

    private NonceReader() {
    }

    /** Reads one non-empty line within {@code timeout}, or explains why there is none. */
    public static String read(InputStream in, Duration timeout) throws CartridgeArgsException {
        CompletableFuture<String> line = new CompletableFuture<>();
        // A blocking read of stdin cannot be interrupted, so it runs on a daemon thread we can abandon.
        Thread reader = new Thread(() -> {
            try {
                BufferedReader buffered = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                line.complete(buffered.readLine());
            } catch (IOException | RuntimeException e) {
                line.completeExceptionally(e);
            }
        }, "nonce-reader");
        reader.setDaemon(true);
        reader.start();
        String nonce;
        try {
            nonce = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CartridgeArgsException("no nonce on standard input within " + timeout.toMillis()
                    + " ms; a cartridge is started by its chassis, which writes one line (the nonce) to its stdin");
        } catch (ExecutionException e) {
            throw new CartridgeArgsException("cannot read the nonce from standard input: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CartridgeArgsException("interrupted while waiting for the nonce on standard input");
        }
        if (nonce == null || nonce.isBlank()) {
            throw new CartridgeArgsException("standard input closed without a nonce; the chassis writes one line "
                    + "(the nonce) to a cartridge's stdin when it powers the slot");
        }
        nonce = nonce.trim();
        if (nonce.length() > MAX_LENGTH) {
            throw new CartridgeArgsException("the nonce on standard input is " + nonce.length()
                    + " characters long, more than " + MAX_LENGTH + ": not a nonce from a chassis");
        }
        return nonce;
    }
}
