package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
import dev.vrack.common.LinkGate;
import dev.vrack.common.Subnet;
import dev.vrack.common.TimeSource;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party client against our server: ISC-style prober {@code dhcping} (Debian package dhcping)
 * sends a DHCPREQUEST from port 68 to 127.77.0.1:67 and waits for the answer on ciaddr:68.
 */
class DhcpingInteropTest {

    @TempDir
    Path dir;

    private Process dhcping;

    @AfterEach
    void killDhcping() {
        if (dhcping != null && dhcping.isAlive()) {
            // Kill exactly the process this test started, by its PID.
            ProcessHandle.of(dhcping.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Path findDhcping() {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "dhcping");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String cannotBind(String host, int port) {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return host + ":" + port + " (" + e.getMessage() + ")";
        }
    }

    @Test
    void dhcpingGetsAnAnswerFromOurServer() throws Exception {
        Path binary = findDhcping();
        assumeTrue(binary != null, "dhcping is not installed (apt-get install dhcping); skipping the interop test");
        String busy67 = cannotBind("127.77.0.1", 67);
        String busy68 = cannotBind("0.0.0.0", 68);
        assumeTrue(busy67 == null && busy68 == null, "cannot bind the DHCP ports dhcping needs (needs root): "
                + (busy67 != null ? busy67 : "") + " " + (busy68 != null ? busy68 : ""));

        DhcpServerConfig config = DhcpServerConfig.forSubnet(Subnet.parse("127.77.0.0/24"), 67, 68,
                dir.resolve("leases.csv"));
        try (EventLog events = EventLog.open(dir.resolve("events/A-0.jsonl"), "A/0", TimeSource.SYSTEM);
             DhcpServer server = DhcpServer.start(config, events, LinkGate.ALWAYS_UP, TimeSource.SYSTEM)) {
            dhcping = new ProcessBuilder(binary.toString(), "-v", "-t", "5", "-c", "127.77.0.50", "-s", "127.77.0.1",
                    "-h", "02:00:00:00:00:01").redirectErrorStream(true).start();
            assertThat(dhcping.waitFor(15, TimeUnit.SECONDS)).as("dhcping finished").isTrue();
            String output = new String(dhcping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output).as("dhcping output").contains("Got answer from: 127.77.0.1");
            assertThat(dhcping.exitValue()).as("dhcping exit code; output:\n" + output).isZero();
            DhcpServerStats stats = server.stats();
            assertThat(stats.received()).isGreaterThanOrEqualTo(1);
            assertThat(stats.answered()).isGreaterThanOrEqualTo(1);
            assertThat(stats.droppedMalformed()).isZero();
            List<Event> seen = EventReader.readFile(dir.resolve("events/A-0.jsonl"));
            assertThat(seen).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("dhcp.ack");
                assertThat(e.details()).containsEntry("ip", "127.77.0.50").containsEntry("mac", "02:00:00:00:00:01");
            });
        }
    }
}
