package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NAS faults: a corrupted or replaced license file lands whole, and the original comes back. */
class NasFaultsTest {

    @TempDir
    Path rack;

    private StateLayout layout;
    private NasFaults nas;
    private final byte[] original = new byte[200];

    @BeforeEach
    void aNasWithOneLicenseOfWww() throws IOException {
        Arrays.fill(original, (byte) 7);
        layout = new StateLayout(rack);
        Files.createDirectories(layout.nasDir());
        Files.write(layout.nasDir().resolve("rack-1-www.lic"), original);
        Files.write(layout.nasDir().resolve("rack-2-primes.lic"), original);
        nas = new NasFaults(layout);
    }

    @Test
    void corruptFlipsOneByteOfTheAppsLicenseOnlyAndRestoreBringsItBack() throws IOException {
        String said = nas.corrupt("www");

        byte[] corrupted = Files.readAllBytes(layout.nasDir().resolve("rack-1-www.lic"));
        assertThat(said).contains("rack-1-www.lic");
        assertThat(corrupted).hasSameSizeAs(original).isNotEqualTo(original);
        assertThat(mismatches(corrupted)).isEqualTo(1);
        assertThat(Files.readAllBytes(layout.nasDir().resolve("rack-2-primes.lic"))).isEqualTo(original);
        assertThat(leftovers()).as("no temporary file is left where the manager looks").isZero();

        nas.restore("www");

        assertThat(Files.readAllBytes(layout.nasDir().resolve("rack-1-www.lic"))).isEqualTo(original);
    }

    @Test
    void replaceKeepsTheFirstOriginalEvenWhenFaultedTwice() throws IOException {
        Path other = Files.write(rack.resolve("other.lic"), new byte[] {1, 2, 3});

        nas.corrupt("www");
        nas.replace("www", other);

        assertThat(Files.readAllBytes(layout.nasDir().resolve("rack-1-www.lic"))).containsExactly(1, 2, 3);
        nas.restore("www");
        assertThat(Files.readAllBytes(layout.nasDir().resolve("rack-1-www.lic"))).isEqualTo(original);
    }

    @Test
    void anAppWithoutALicenseFileOrNothingToRestoreIsAClearError() {
        assertThatThrownBy(() -> nas.corrupt("mail")).isInstanceOf(CliException.class)
                .hasMessageContaining("no license file of application 'mail'");
        assertThatThrownBy(() -> nas.restore("www")).isInstanceOf(CliException.class)
                .hasMessageContaining("nothing to restore");
        assertThatThrownBy(() -> nas.replace("www", rack.resolve("missing.lic"))).isInstanceOf(CliException.class)
                .hasMessageContaining("does not exist");
    }

    private int mismatches(byte[] bytes) {
        int count = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != original[i]) {
                count++;
            }
        }
        return count;
    }

    private long leftovers() throws IOException {
        try (var files = Files.list(layout.nasDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
