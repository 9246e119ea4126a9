package dev.vrack.firstembodiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.keychain.AuthorityKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The verbs as a user types them: device, issue, run; and their refusals as one line, exit code 1. */
class FirstEmbodimentCommandTest {

    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {
    }

    @AfterEach
    void restoreEnvironment() {
        FirstEmbodimentIssueCommand.environment = System::getenv;
    }

    private static Result rack(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new FirstEmbodimentCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        // the same handler as rack-cli's RackCommand
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof IllegalArgumentException) {
                commandLine.getErr().println("rack: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return new Result(line.execute(args), out.toString(), err.toString());
    }

    @Test
    void deviceIssueRunAndRefusals() throws Exception {
        AuthorityKeys authority = AuthorityKeys.generate();
        authority.writePrivateKey(temp.resolve("authority.key"), PASSPHRASE.toCharArray());
        authority.writePublicKey(temp.resolve("authority.pub"));
        FirstEmbodimentIssueCommand.environment = name -> name.equals("RACK_AUTHORITY_PASSPHRASE") ? PASSPHRASE : null;
        Path jar = temp.resolve("wordtools.jar");
        Method build = Class.forName("dev.vrack.firstembodiment.ProgramJars").getDeclaredMethod("wordTools", Path.class);
        build.setAccessible(true);
        build.invoke(null, jar);

        assertThat(rack("device", "--dir", temp.resolve("x").toString(), "--device-id", "DEV-X").code()).isZero();
        assertThat(rack("device", "--dir", temp.resolve("y").toString(), "--device-id", "DEV-Y").code()).isZero();
        Result issued = rack("issue", "--authority-key", temp.resolve("authority.key").toString(), "--program", jar.toString(),
                "--program-id", "wordtools", "--device-id", "DEV-X", "--executions", "1", "--allow", "count",
                "--out", temp.resolve("out").toString());
        assertThat(issued.code()).as(issued.err()).isZero();
        assertThat(issued.out()).contains("wordtools-DEV-X.swlk").contains("1 executions, functions [count]");

        String[] run = {"run", "--device", temp.resolve("x").toString(), "--license-key", temp.resolve("out/wordtools-DEV-X.swlk").toString(),
                "--program", temp.resolve("out/wordtools.swb").toString(), "--authority", temp.resolve("authority.pub").toString(),
                "--call", "count", "--input", "a b c d"};
        Result first = rack(run);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().strip()).isEqualTo("4");
        assertThat(first.err()).contains("0 left");

        Result exhausted = rack(run);
        assertThat(exhausted.code()).isEqualTo(1);
        assertThat(exhausted.err()).startsWith("rack: ").contains("all were used").doesNotContain("Exception");

        run[2] = temp.resolve("y").toString();
        Result otherDevice = rack(run);
        assertThat(otherDevice.code()).isEqualTo(1);
        assertThat(otherDevice.err()).contains("was issued for device DEV-X, not for this device (DEV-Y)");

        FirstEmbodimentIssueCommand.environment = name -> null;
        Result noPassphrase = rack("issue", "--authority-key", temp.resolve("authority.key").toString(), "--program", jar.toString(),
                "--program-id", "wordtools", "--device-id", "DEV-X", "--allow", "count", "--out", temp.resolve("out2").toString());
        assertThat(noPassphrase.code()).isEqualTo(1);
        assertThat(noPassphrase.err()).contains("RACK_AUTHORITY_PASSPHRASE is not set");
        assertThat(rack("run", "--device", "x").code()).isEqualTo(2);
    }
}
