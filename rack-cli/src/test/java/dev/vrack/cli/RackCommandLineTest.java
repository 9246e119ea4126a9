package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract without a running rack: usage errors exit 2, failures exit 1, each with a fix. */
class RackCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void everyVerbHasHelp() {
        RackCli rack = new RackCli(temp);
        for (String verb : new String[] {"up", "down", "status", "events", "pull", "insert", "power", "usb", "link", "license", "check", "vendor", "authority"}) {
            RackCli.Result help = rack.run(verb, "--help");
            assertThat(help.exitCode()).as(verb).isZero();
            assertThat(help.out()).as(verb).contains("Usage: rack " + verb);
        }
    }

    @Test
    void anUnknownVerbIsAUsageError() {
        RackCli.Result result = new RackCli(temp).run("explode");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("explode");
    }

    @Test
    void aRackOnAPublicSubnetIsRefusedWithTheLine() throws Exception {
        Path config = RackCli.copyConfig("demo.yml", temp, "public", 44);
        Files.writeString(config, Files.readString(config).replace("subnet: 127.44.0.0/24", "subnet: 10.0.0.0/24"));
        RackCli.Result result = new RackCli(temp.resolve("state")).run("up", config.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("public.yml:").contains("subnet").contains("127.0.0.0/8");
        assertThat(temp.resolve("state").resolve("public")).doesNotExist();
    }

    @Test
    void commandsWithoutARackSayHowToStartOne() {
        RackCli.Result result = new RackCli(temp.resolve("empty")).run("status");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no rack").contains("rack up");
    }

    @Test
    void aMissingRackFileIsNamed() {
        RackCli.Result result = new RackCli(temp).run("up", temp.resolve("nope.yml").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("nope.yml");
    }
}
