package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CartridgeArgsTest {

    private static String[] args(String... values) {
        return values;
    }

    @Test
    void parsesTheChassisCommandLine() throws Exception {
        CartridgeArgs parsed = CartridgeArgs.parse(args("--state", "/tmp/r/demo", "--chassis", "A", "--slot", "3",
                "--backplane", "127.0.0.1:40123"));

        assertThat(parsed.stateDir()).isEqualTo(Path.of("/tmp/r/demo"));
        assertThat(parsed.chassis()).isEqualTo("A");
        assertThat(parsed.slot()).isEqualTo(3);
        assertThat(parsed.backplane().getPort()).isEqualTo(40123);
        assertThat(parsed.backplane().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(parsed.source()).isEqualTo("A/3");
        assertThat(parsed.layout().cartridgeEvents("A", 3)).isEqualTo(Path.of("/tmp/r/demo/events/A-3.jsonl"));
    }

    @Test
    void acceptsOptionEqualsValueAndAnyOrder() throws Exception {
        CartridgeArgs parsed = CartridgeArgs.parse(args("--slot=0", "--backplane=127.0.0.1:1", "--chassis=B",
                "--state=/s"));
        assertThat(parsed.slot()).isZero();
        assertThat(parsed.chassis()).isEqualTo("B");
    }

    @Test
    void namesTheMissingOption() {
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "1")))
                .isInstanceOf(CartridgeArgsException.class)
                .hasMessageContaining("missing --backplane")
                .hasMessageContaining("usage:");
    }

    @Test
    void refusesBadValuesWithAHint() {
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "three",
                "--backplane", "127.0.0.1:1")))
                .hasMessageContaining("--slot must be a slot number like 3, got 'three'");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "-1",
                "--backplane", "127.0.0.1:1")))
                .hasMessageContaining("--slot must be 0 or more");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "1",
                "--backplane", "127.0.0.1")))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "1",
                "--backplane", "127.0.0.1:70000")))
                .hasMessageContaining("1..65535");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A/B", "--slot", "1",
                "--backplane", "127.0.0.1:5")))
                .hasMessageContaining("not a chassis name");
    }

    @Test
    void refusesABackplaneOffLoopback() {
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--chassis", "A", "--slot", "1",
                "--backplane", "10.0.0.1:4000")))
                .hasMessageContaining("not in 127.0.0.0/8");
    }

    @Test
    void refusesUnknownAndRepeatedOptions() {
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--state", "/s", "--verbose")))
                .hasMessageContaining("unknown argument '--verbose'");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--slot", "1", "--slot", "2")))
                .hasMessageContaining("--slot is given twice");
        assertThatThrownBy(() -> CartridgeArgs.parse(args("--slot", "--chassis", "A")))
                .hasMessageContaining("--slot needs a value");
    }

    @Test
    void readsTheNonceLine() throws Exception {
        String nonce = NonceReader.read(new ByteArrayInputStream("  abc123\nrest".getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(2));
        assertThat(nonce).isEqualTo("abc123");
    }

    @Test
    void explainsAnEmptyStandardInput() {
        assertThatThrownBy(() -> NonceReader.read(new ByteArrayInputStream(new byte[0]), Duration.ofSeconds(2)))
                .isInstanceOf(CartridgeArgsException.class)
                .hasMessageContaining("closed without a nonce");
    }

    @Test
    void givesUpWhenNoNonceArrives() throws IOException {
        try (PipedOutputStream silentChassis = new PipedOutputStream();
             PipedInputStream stdin = new PipedInputStream(silentChassis)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> NonceReader.read(stdin, Duration.ofMillis(300)))
                    .isInstanceOf(CartridgeArgsException.class)
                    .hasMessageContaining("no nonce on standard input within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
