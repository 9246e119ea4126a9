package dev.vrack.authority;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.keychain.DongleSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @TempDir
    Path dir;

    @Test
    void monthlyRunTotalsEachApplicationAndBillsEachProviderOverTheMonthOnly() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));
        try (Authority authority = Authority.init(dir.resolve("authority"), TestAuthorities.PASSPHRASE, clock)) {
            DongleSecret dongle = DongleSecret.create(dir.resolve("keys/dongle.secret"));
            String keyA = authority.issueHardwareKey("CHASSIS-A", dongle, dir.resolve("keys/a.hwkey")).keyId();
            String keyB = authority.issueHardwareKey("CHASSIS-B", dongle, dir.resolve("keys/b.hwkey")).keyId();
            authority.registerApplication("www", "Acme", "Acme Ltd, 1 Main St", dir.resolve("www.vrappk"));
            authority.registerApplication("db", "Acme", "Acme Ltd, 1 Main St", dir.resolve("db.vrappk"));
            authority.registerApplication("calc", "Beta \"Soft\"", "Beta GmbH", dir.resolve("calc.vrappk"));

            issue(authority, clock, "2026-10-31T23:59:59.999Z", "www", 100, keyA, "CHASSIS-A"); // just before
            issue(authority, clock, "2026-11-01T00:00:00Z", "www", 4, keyA, "CHASSIS-A");       // first instant
            issue(authority, clock, "2026-11-15T12:00:00Z", "www", 2, keyB, "CHASSIS-B");
            issue(authority, clock, "2026-11-15T12:00:01Z", "db", 1, keyA, "CHASSIS-A");
            issue(authority, clock, "2026-11-20T08:30:00Z", "calc", 8, keyB, "CHASSIS-B");
            issue(authority, clock, "2026-11-30T23:59:59.999Z", "calc", 3, keyA, "CHASSIS-A"); // last instant
            issue(authority, clock, "2026-12-01T00:00:00Z", "db", 50, keyA, "CHASSIS-A");    // just after

            BillingReport report = authority.billing(NOVEMBER, dir.resolve("invoices"));

            assertThat(report.totalsByApplication()).isEqualTo(Map.of("www", 6L, "db", 1L, "calc", 11L));
            assertThat(report.totalsByProvider()).isEqualTo(Map.of("Acme", 7L, "Beta \"Soft\"", 11L));
            assertThat(report.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(report.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(report.invoices()).extracting(Invoice::provider).containsExactly("Acme", "Beta \"Soft\"");
            Invoice acme = report.invoices().get(0);
            assertThat(acme.lines()).containsExactly(new InvoiceLine("db", 1, 1), new InvoiceLine("www", 2, 6));
            assertThat(acme.licensesIssued()).isEqualTo(3);

            Path acmeCsv = dir.resolve("invoices/invoice-2026-11-acme.csv");
            assertThat(Files.readString(acmeCsv)).isEqualTo(
                    "month,provider,bill_to,application,licenses_issued,licensed_count\r\n"
                    + "2026-11,Acme,\"Acme Ltd, 1 Main St\",db,1,1\r\n"
                    + "2026-11,Acme,\"Acme Ltd, 1 Main St\",www,2,6\r\n");
            Path betaCsv = dir.resolve("invoices/invoice-2026-11-beta-soft.csv");
            assertThat(Files.readString(betaCsv)).isEqualTo(
                    "month,provider,bill_to,application,licenses_issued,licensed_count\r\n"
                    + "2026-11,\"Beta \"\"Soft\"\"\",Beta GmbH,calc,2,11\r\n");
            String table = Files.readString(dir.resolve("invoices/invoice-2026-11-acme.txt"));
            assertThat(table).contains("Software provider: Acme").contains("Bill to:  Acme Ltd, 1 Main St")
                    .containsPattern("www\\s+2\\s+6\\n").containsPattern("total\\s+3\\s+7\\n");
            assertThat(report.files()).containsExactlyInAnyOrder(acmeCsv, betaCsv,
                    dir.resolve("invoices/invoice-2026-11-acme.txt"), dir.resolve("invoices/invoice-2026-11-beta-soft.txt"));

            assertThat(authority.billing(YearMonth.of(2026, 10)).totalsByApplication()).isEqualTo(Map.of("www", 100L));
            assertThat(authority.billing(YearMonth.of(2026, 9)).invoices()).isEmpty();
        }
    }

    @Test
    void theMonthFollowsTheClocksTimeZone() {
        List<IssueRecord> records = List.of(
                new IssueRecord(Instant.parse("2026-10-31T23:30:00Z"), "www", 5, "L1", "Acme"),  // Nov 1 in +01:00
                new IssueRecord(Instant.parse("2026-11-30T23:30:00Z"), "www", 7, "L2", "Acme")); // Dec 1 in +01:00
        BillingReport report = Billing.run(NOVEMBER, ZoneOffset.ofHours(1), records, Map.of());
        assertThat(report.totalsByApplication()).isEqualTo(Map.of("www", 5L));
    }

    private static void issue(Authority authority, MutableClock clock, String at, String app, int count, String keyId,
            String chassis) {
        clock.set(Instant.parse(at));
        authority.issueLicense(LicenseOrder.of(app, count, keyId, Set.of(chassis), Duration.ofDays(30), Map.of()));
    }
}
