package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;

/** Test helpers: a small valid rack, and parsing that expects a refusal. */
final class Racks {

    /** A valid rack; line numbers matter to the tests that edit it. */
    static final String VALID = """
            name: demo
            subnet: 127.42.0.0/24
            chassis:
              - name: A
                chassisId: CHASSIS-A-0001
                slots: 8
                cartridges:
                  - slot: 0
                    kind: management
                  - slot: 1
                    kind: app
                    card: www
            """;

    static final Path SOURCE = Path.of("demo.yml");

    private Racks() {
    }

    static RackConfig parse(String yaml) throws ConfigException {
        return RackConfigLoader.parse(yaml, SOURCE);
    }

    /** Asserts the text is refused and returns an assertion on the exception's message. */
    static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
        return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class);
    }

    /** The message of the refusal, for tests that look at it several ways. */
    static String refusal(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the rack to be refused:\n" + yaml);
    }
}
