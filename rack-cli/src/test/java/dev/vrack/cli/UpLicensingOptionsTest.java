package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.RackRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rack up}'s lease timing options: documented defaults and nonsense refused as bad usage (exit 2). */
class UpLicensingOptionsTest {

    @TempDir
    Path temp;

    private RackCli.Result up(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "up";
        args[1] = temp.resolve("no-such-rack.yml").toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return new RackCli(temp.resolve("state")).run(args);
    }

    @Test
    void theHelpShowsTheRuntimeDefaults() {
        RackCli.Result help = new RackCli(temp).run("up", "--help");
        RackRuntime.Licensing d = RackRuntime.Licensing.defaults();
        // Picocli wraps descriptions; compare with single spaces.
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("--lease-ttl-ms", "default: " + d.leaseTtlMs() + ", at least " + UpCommand.MIN_TTL_MS)
                .contains("--safety-margin-ms", "default: " + d.safetyMarginMs() + ", at least 0")
                .contains("--key-grace-ms", "default: " + d.keyGraceMs() + ")")
                .contains("--retry-ms", "default: " + d.retryMs() + ", at least " + UpCommand.MIN_RETRY_MS);
    }

    @Test
    void aNegativeMarginIsBadUsageWithAHint() {
        RackCli.Result result = up("--safety-margin-ms", "-1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--safety-margin-ms -1 is negative", "--safety-margin-ms 2000");
    }

    @Test
    void aTtlUnder500IsBadUsage() {
        RackCli.Result result = up("--lease-ttl-ms", "499");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--lease-ttl-ms 499 is too short", "at least 500");
    }

    @Test
    void aNegativeGraceAndATinyRetryAreBadUsage() {
        assertThat(up("--key-grace-ms", "-5").err()).contains("--key-grace-ms -5 is negative");
        RackCli.Result retry = up("--retry-ms", "0");
        assertThat(retry.exitCode()).isEqualTo(2);
        assertThat(retry.err()).contains("--retry-ms 0 is too short");
    }

    @Test
    void aNumberThatIsNotOneIsBadUsage() {
        RackCli.Result result = up("--lease-ttl-ms", "soon");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--lease-ttl-ms", "soon");
    }

    @Test
    void validTimingGetsAsFarAsTheRackFile() {
        RackCli.Result result = up("--lease-ttl-ms", "2000", "--safety-margin-ms", "0", "--retry-ms", "500");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no-such-rack.yml");
    }
}
