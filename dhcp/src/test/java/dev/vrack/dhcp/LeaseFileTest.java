package dev.vrack.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileTest {

    @TempDir
    Path dir;

    private static LeaseRecord rec(String ip, LeaseState state, long expires, String circuit) {
        return new LeaseRecord(Ipv4Address.parse(ip), "01020000000001", "02:00:00:00:00:01", expires, state, circuit);
    }

    @Test
    void replaysTheLastLineOfEachAddressAndCompacts() throws Exception {
        Path file = dir.resolve("dhcp/leases.csv");
        try (LeaseFile f = LeaseFile.open(file)) {
            f.save(rec("127.42.0.10", LeaseState.BOUND, 1000, "A/1"));
            f.save(rec("127.42.0.11", LeaseState.BOUND, 2000, "A/2"));
            f.save(rec("127.42.0.10", LeaseState.RELEASED, 1500, "A/1"));
            f.save(rec("127.42.0.10", LeaseState.BOUND, 9000, "A/1"));
        }
        assertThat(Files.readAllLines(file)).hasSize(5);
        try (LeaseFile f = LeaseFile.open(file)) {
            assertThat(f.load()).containsExactlyInAnyOrder(rec("127.42.0.10", LeaseState.BOUND, 9000, "A/1"),
                    rec("127.42.0.11", LeaseState.BOUND, 2000, "A/2"));
            assertThat(f.warnings()).isEmpty();
        }
        List<String> compacted = Files.readAllLines(file);
        assertThat(compacted).hasSize(3).first().isEqualTo(LeaseFile.HEADER);
        assertThat(Files.exists(dir.resolve("dhcp/leases.csv.tmp"))).isFalse();
    }

    @Test
    void skipsBrokenLinesWithAWarningAndKeepsTheRest() throws Exception {
        Path file = dir.resolve("leases.csv");
        Files.writeString(file, "127.42.0.10,01aa,02:00:00:00:00:01,5000,bound,A/1\n"
                + "not a lease\n"
                + "127.42.0.11,01bb,02:00:00:00:00:02,5000,bogus,A/2\n"
                + "127.42.0.12,01cc,02:00:00:00:00:03,50"); // cut short by a crash
        try (LeaseFile f = LeaseFile.open(file)) {
            assertThat(f.load()).extracting(LeaseRecord::ip).containsExactly(Ipv4Address.parse("127.42.0.10"));
            assertThat(f.warnings()).hasSize(3);
            assertThat(f.warnings().get(0)).contains("line 2").contains("6 comma-separated fields");
            assertThat(f.warnings().get(1)).contains("line 3").contains("bogus");
        }
    }

    @Test
    void hostileCircuitIdsCannotBreakTheFormat() {
        LeaseRecord nasty = rec("127.42.0.10", LeaseState.BOUND, 1, "A/1,evil\nline%");
        assertThat(LeaseFile.format(nasty)).doesNotContain("\n").matches("[^,]*(,[^,]*){5}");
        assertThat(LeaseFile.parse(LeaseFile.format(nasty))).isEqualTo(nasty);
    }
}
