package dev.vrack.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes each invoice twice: {@code invoice-<month>-<provider>.csv} for accounting tools (RFC 4180) and
 * {@code .txt}, a table a person reads.
 */
final class InvoiceWriter {

    static final String CSV_HEADER = "month,provider,bill_to,application,licenses_issued,licensed_count";

    private InvoiceWriter() {
    }

    static List<Path> write(BillingReport report, ZoneId zone, Path outDir) throws IOException {
        List<Path> written = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Invoice invoice : report.invoices()) {
            String base = "invoice-" + report.month() + "-" + uniqueSlug(invoice.provider(), used);
            Path csv = outDir.resolve(base + ".csv");
            Path txt = outDir.resolve(base + ".txt");
            SecureFile.writeAtomically(csv, csv(invoice).getBytes(StandardCharsets.UTF_8));
            SecureFile.writeAtomically(txt, table(invoice, report, zone).getBytes(StandardCharsets.UTF_8));
            written.add(csv);
            written.add(txt);
        }
        return written;
    }

    static String csv(Invoice invoice) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        String billTo = String.join("; ", invoice.billAddressees());
        for (InvoiceLine line : invoice.lines()) {
            out.append(field(invoice.month().toString())).append(',').append(field(invoice.provider())).append(',')
                    .append(field(billTo)).append(',').append(field(line.applicationId())).append(',')
                    .append(line.licensesIssued()).append(',').append(line.licensedCount()).append("\r\n");
        }
        return out.toString();
    }

    static String table(Invoice invoice, BillingReport report, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append("INVOICE: license issue charge for ").append(report.month()).append(" (")
                .append(report.month().atDay(1)).append(" to ").append(report.month().atEndOfMonth())
                .append(", ").append(zone.getId()).append(")\n");
        out.append("Software provider: ").append(invoice.provider()).append('\n');
        for (String addressee : invoice.billAddressees()) {
            out.append("Bill to:  ").append(addressee.replace("\n", "\n          ")).append('\n');
        }
        out.append('\n');
        int width = Math.max("application".length(), Math.max("total".length(),
                invoice.lines().stream().mapToInt(l -> l.applicationId().length()).max().orElse(0)));
        String format = "%-" + width + "s  %15s  %14s%n";
        out.append(String.format(Locale.ROOT, format, "application", "licenses issued", "licensed count"));
        out.append("-".repeat(width + 2 + 15 + 2 + 14)).append('\n');
        for (InvoiceLine line : invoice.lines()) {
            out.append(String.format(Locale.ROOT, format, line.applicationId(), line.licensesIssued(), line.licensedCount()));
        }
        out.append("-".repeat(width + 2 + 15 + 2 + 14)).append('\n');
        out.append(String.format(Locale.ROOT, format, "total", invoice.licensesIssued(), invoice.licensedCount()));
        return out.toString();
    }

    /** RFC 4180: quote a field holding a comma, quote or line break, doubling the quotes. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** A file-name-safe form of the provider name, made unique within one run. */
    static String uniqueSlug(String provider, Set<String> used) {
        String slug = provider.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        if (slug.isEmpty()) {
            slug = "provider";
        }
        String candidate = slug;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = slug + "-" + n;
        }
        return candidate;
    }
}
