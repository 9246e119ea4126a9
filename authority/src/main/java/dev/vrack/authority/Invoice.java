package dev.vrack.authority;

import java.time.YearMonth;
import java.util.List;

/** The bill to one software provider for one month (FIG. 27, S92): its applications and their totals. */
public record Invoice(YearMonth month, String provider, List<String> billAddressees, List<InvoiceLine> lines) {

    public Invoice {
        billAddressees = List.copyOf(billAddressees);
        lines = List.copyOf(lines);
    }

    /** Licenses issued over all the provider's applications. */
    public int licensesIssued() {
        return lines.stream().mapToInt(InvoiceLine::licensesIssued).sum();
    }

    /** Seats granted over all the provider's applications: what the license issue charge counts. */
    public long licensedCount() {
        return lines.stream().mapToLong(InvoiceLine::licensedCount).sum();
    }
}
