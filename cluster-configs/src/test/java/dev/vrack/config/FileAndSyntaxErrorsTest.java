package dev.vrack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first stage: files that cannot be read, and text that is not one YAML document. */
class FileAndSyntaxErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingFileSaysWhereItLookedAndWhereTheStockRacksAre() {
        Path file = dir.resolve("nope.yml");
        assertThatThrownBy(() -> RackConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": no such file")
                .hasMessageContaining("cluster-configs/demo.yml");
    }

    @Test
    void folderIsRefusedListingTheRacksInside() throws Exception {
        Files.writeString(dir.resolve("mine.yml"), Racks.VALID);
        assertThatThrownBy(() -> RackConfigLoader.load(dir))
                .hasMessageContaining("is a folder, not a rack file")
                .hasMessageContaining("mine.yml");
    }

    @Test
    void emptyFileAndCommentOnlyFileAreRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yml"), "");
        Path comments = Files.writeString(dir.resolve("comments.yml"), "# just a comment\n\n");
        assertThatThrownBy(() -> RackConfigLoader.load(empty)).hasMessage(empty + ": the file is empty; "
                + "a rack needs at least name, subnet and chassis (see cluster-configs/demo.yml for an example)");
        assertThatThrownBy(() -> RackConfigLoader.load(comments)).hasMessageContaining("the file is empty");
    }

    @Test
    void fileOverOneMebibyteIsRefusedBeforeParsing() throws Exception {
        Path big = dir.resolve("big.yml");
        Files.write(big, ("# padding\n".repeat(110_000) + Racks.VALID).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RackConfigLoader.load(big))
                .hasMessageStartingWith(big + ": the file is 1.0 MiB; a rack file may be at most 1 MiB");
        assertThatThrownBy(() -> RackConfigLoader.parse("#".repeat(RackFileReader.MAX_BYTES + 1), Racks.SOURCE))
                .hasMessageContaining("at most 1 MiB");
    }

    @Test
    void binaryFileIsRefusedAsNotText() throws Exception {
        Path binary = Files.write(dir.resolve("key.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThatThrownBy(() -> RackConfigLoader.load(binary)).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void aGoodFileOnDiskLoadsAndRemembersItsSource() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yml"), Racks.VALID);
        assertThat(RackConfigLoader.load(file).source()).isEqualTo(file);
    }

    @Test
    void yamlSyntaxErrorNamesTheLineAndAHint() {
        String yaml = Racks.VALID.replace("    slots: 8\n", "    slots: 8\n   oops: [1\n");
        Racks.refused(yaml).hasMessageStartingWith("demo.yml:7: not valid YAML: ");
    }

    @Test
    void colonWithoutSpaceIsExplained() {
        Racks.refused("name: demo\nsubnet: 127.42.0.0/24\nchassis:\n  - name: A\n    chassisId:x: y: z\n")
                .hasMessageStartingWith("demo.yml:5: not valid YAML: mapping values are not allowed here")
                .hasMessageContaining("space missing after a ':'");
    }

    @Test
    void tabIndentationIsExplained() {
        Racks.refused("name: demo\nsubnet: 127.42.0.0/24\nchassis:\n\t- name: A\n")
                .hasMessageStartingWith("demo.yml:4: not valid YAML: a tab character")
                .hasMessageContaining("spaces, never tabs");
    }

    @Test
    void duplicateKeyIsRefusedInsteadOfSilentlyOverwritten() {
        Racks.refused(Racks.VALID.replace("    slots: 8\n", "    slots: 8\n    slots: 6\n"))
                .hasMessageStartingWith("demo.yml:7: not valid YAML: the key 'slots' appears twice");
    }

    @Test
    void secondYamlDocumentIsRefused() {
        Racks.refused(Racks.VALID + "---\nname: other\n")
                .hasMessageStartingWith("demo.yml:14: a second YAML document starts here");
    }

    @Test
    void documentThatIsNotAMappingIsRefusedByTheSchema() {
        Racks.refused("- name: demo\n").hasMessage("demo.yml:1: expected a rack definition: name, subnet, "
                + "optional dhcp block, 1 to 16 chassis and optional licenses, got a list of 1 item");
        Racks.refused("just words\n").hasMessageContaining("got \"just words\"");
    }

    @Test
    void yamlAliasesAreRefusedBecauseJacksonWouldPassTheAnchorNameAsTheValue() {
        Racks.refused(Racks.VALID.replace("slots: 8", "slots: &n 8\n    ioBus: *n"))
                .hasMessage("demo.yml:7: YAML aliases (*n) are not supported in rack files; write the value out in full");
    }

    @Test
    void absurdNestingIsRefusedWithoutBlowingTheStack() {
        Racks.refused("name: " + "[".repeat(100_000)).hasMessageContaining("nested too deeply");
    }
}
