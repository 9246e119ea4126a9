package dev.vrack.authority;

/** One application on an invoice: how many licenses were issued for it and the seats they grant in total. */
public record InvoiceLine(String applicationId, int licensesIssued, long licensedCount) {
}
