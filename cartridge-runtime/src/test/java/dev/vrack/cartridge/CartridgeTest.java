package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.TimeSource;
import dev.vrack.proto.backplane.ReportState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartridgeTest {

    private static final String NONCE = "nonce-xyz";

    @TempDir
    Path state;

    private FakeChassis chassis;

    @AfterEach
    void tearDown() {
        if (chassis != null) {
            chassis.close();
        }
    }

    /** A program that records what the skeleton asked of it. */
    private static final class RecordingProgram implements CartridgeProgram {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final boolean failBoot;
        volatile CartridgeContext context;

        RecordingProgram(boolean failBoot) {
            this.failBoot = failBoot;
        }

        @Override
        public String kind() {
            return "app";
        }

        @Override
        public void boot(CartridgeContext context) {
            this.context = context;
            calls.add("boot");
            if (failBoot) {
                throw new IllegalStateException("memory card unreadable");
            }
        }

        @Override
        public void stop(CartridgeContext context, Duration deadline) {
            calls.add("stop " + deadline.toMillis());
        }

        @Override
        public void powerCut(CartridgeContext context) {
            calls.add("powerCut");
        }
    }

    private CompletableFuture<Integer> start(RecordingProgram program, List<String> powerLosses) throws Exception {
        chassis = new FakeChassis(FakeChassis.welcomeFor(4, false).setCardPath("/cards/A-4.card").build(), NONCE,
                "ID").start();
        CartridgeArgs args = CartridgeArgs.parse(new String[] {"--state", state.toString(), "--chassis", "A",
                "--slot", "4", "--backplane", "127.0.0.1:" + chassis.port()});
        Cartridge cartridge = new Cartridge(args, NONCE, program, powerLosses::add, TimeSource.SYSTEM);
        return CompletableFuture.supplyAsync(cartridge::run);
    }

    private List<Event> events() {
        Path file = state.resolve("events/A-4.jsonl");
        return Files.exists(file) ? EventReader.readFile(file) : List.of();
    }

    @Test
    void bootsReportsAndStopsGracefully() throws Exception {
        RecordingProgram program = new RecordingProgram(false);
        CompletableFuture<Integer> exit = start(program, new CopyOnWriteArrayList<>());

        await().atMost(Duration.ofSeconds(10)).until(() -> program.calls.contains("boot"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !chassis.states().isEmpty());
        assertThat(chassis.states().get(0).getState()).isEqualTo("booting");
        assertThat(program.context.link().allowsTraffic()).isTrue();
        assertThat(events()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("cartridge.booted");
            assertThat(e.source()).isEqualTo("A/4");
            assertThat(e.details()).containsEntry("kind", "app").containsEntry("card", "/cards/A-4.card");
        });

        chassis.requestStop(2000);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_STOPPED);
        assertThat(program.calls).containsExactly("boot", "stop 2000");
        assertThat(chassis.states()).extracting(ReportState::getState).containsExactly("booting", "stopping");
    }

    @Test
    void aFailedBootIsRecordedAndEndsWithExitCodeOne() throws Exception {
        RecordingProgram program = new RecordingProgram(true);
        CompletableFuture<Integer> exit = start(program, new CopyOnWriteArrayList<>());

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_FAILED);
        assertThat(program.calls).containsExactly("boot", "stop 2000");
        assertThat(events()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("cartridge.failed");
            assertThat(e.details()).containsEntry("reason", "memory card unreadable");
        });
    }

    @Test
    void aPowerCutSkipsTheGoodbye() throws Exception {
        RecordingProgram program = new RecordingProgram(false);
        List<String> powerLosses = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> exit = start(program, powerLosses);
        await().atMost(Duration.ofSeconds(10)).until(() -> program.calls.contains("boot"));

        chassis.cutPower();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Cartridge.EXIT_POWER_LOST);
        assertThat(powerLosses).hasSize(1);
        assertThat(program.calls).containsExactly("boot", "powerCut");
    }
}
