package dev.vrack.authority;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The license issue charge billing (FIG. 27): picks the issue records of a month, totals the licensed count
 * per application (S91) and groups the applications into one invoice per software provider (S92). Pure:
 * the records and the time zone that defines "the month" come in.
 */
final class Billing {

    private Billing() {
    }

    /** The first instant of the month in the zone. */
    static Instant start(YearMonth month, ZoneId zone) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant after the month in the zone. */
    static Instant end(YearMonth month, ZoneId zone) {
        return start(month.plusMonths(1), zone);
    }

    static BillingReport run(YearMonth month, ZoneId zone, List<IssueRecord> records,
            Map<String, RegisteredApplication> applications) {
        Instant from = start(month, zone);
        Instant to = end(month, zone);
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Map<String, long[]>> byProvider = new TreeMap<>();
        for (IssueRecord record : records) {
            if (record.issuedAt().isBefore(from) || !record.issuedAt().isBefore(to)) {
                continue; // the store already filters; a record outside the month must never be billed in it
            }
            totals.merge(record.applicationId(), (long) record.licenseCount(), Long::sum);
            long[] line = byProvider.computeIfAbsent(record.provider(), p -> new TreeMap<>())
                    .computeIfAbsent(record.applicationId(), a -> new long[2]);
            line[0]++;
            line[1] += record.licenseCount();
        }
        List<Invoice> invoices = new ArrayList<>();
        byProvider.forEach((provider, lines) -> {
            List<InvoiceLine> invoiceLines = new ArrayList<>();
            TreeSet<String> addressees = new TreeSet<>();
            lines.forEach((applicationId, line) -> {
                invoiceLines.add(new InvoiceLine(applicationId, (int) line[0], line[1]));
                Optional.ofNullable(applications.get(applicationId)).map(RegisteredApplication::billAddressee)
                        .ifPresent(addressees::add);
            });
            invoices.add(new Invoice(month, provider, new ArrayList<>(addressees), invoiceLines));
        });
        return new BillingReport(month, from, to, totals, invoices, List.of());
    }
}
