package org.loyaltyengine.rules.facts;

/**
 * Work registered on a document for a customer (SPEC CR-2, CR-4): the document's reference
 * ({@code invoice:F-1}), whether credits apply to the customer, and the consumption's note.
 */
public record CreditWork(String reference, String customerId, boolean usesCredits, String note) {
}
