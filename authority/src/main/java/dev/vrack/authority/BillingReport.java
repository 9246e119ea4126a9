package dev.vrack.authority;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The result of a billing run: the period [from, to), the licensed count per application (FIG. 27, S91),
 * one invoice per software provider (S92), and the files written for them.
 */
public record BillingReport(YearMonth month, Instant from, Instant to, Map<String, Long> totalsByApplication,
        List<Invoice> invoices, List<Path> files) {

    public BillingReport {
        totalsByApplication = Map.copyOf(totalsByApplication);
        invoices = List.copyOf(invoices);
        files = List.copyOf(files);
    }

    /** The licensed count per provider. */
    public Map<String, Long> totalsByProvider() {
        java.util.Map<String, Long> totals = new java.util.TreeMap<>();
        invoices.forEach(invoice -> totals.put(invoice.provider(), invoice.licensedCount()));
        return totals;
    }

    BillingReport withFiles(List<Path> written) {
        return new BillingReport(month, from, to, totalsByApplication, invoices, written);
    }
}
