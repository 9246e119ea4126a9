package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;

/** Test helpers: a folder with a small rack, a valid scenario for it, and parsing that expects a refusal. */
final class Scenarios {

    /** One chassis A with 8 slots: management in 0, www in 1 to 3, two seats. */
    static final String RACK = """
            name: demo
            subnet: 127.42.0.0/24
            chassis:
              - name: A
                chassisId: CHASSIS-A-0001
                slots: 8
                usbKey: hwkey-A
                cartridges:
                  - {slot: 0, kind: management}
                  - {slot: 1, kind: app, card: www}
                  - {slot: 2, kind: app, card: www}
                  - {slot: 3, kind: app, card: www}
            licenses:
              - {app: www, count: 2}
            """;

    /** A valid scenario; line numbers matter to the tests that edit it. */
    static final String VALID = """
            scenario: pull-failover
            description: Pull a licensed www cartridge; the waiting one takes its seat.
            rack: rack.yml
            seed: 42
            steps:
              - id: pull-one
                at: 5s
                fault: pull
                targets: {kind: app, app: www, licensed: true, random: 1}
            expect:
              - name: seat moves after the pull
                eventually: {after: pull-one, within: 5s}
                running: {app: www, equals: 2}
            """;

    private final Path folder;

    Scenarios(Path folder) {
        this.folder = folder;
        write("rack.yml", RACK);
    }

    Path folder() {
        return folder;
    }

    Path write(String name, String text) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text as the file {@code s.yml} of the folder; messages name it by its full path. */
    Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, folder.resolve("s.yml"));
    }

    /** Asserts the text is refused; the message's file prefix is replaced by {@code s.yml} for readability. */
    AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
        return assertThatThrownBy(() -> {
            try {
                parse(yaml);
            } catch (ScenarioException e) {
                throw new IllegalStateException(e.getMessage().replace(folder.resolve("s.yml").toString(), "s.yml")
                        .replace(folder.toString(), "DIR"), e);
            }
        }).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(ScenarioException.class);
    }
}
