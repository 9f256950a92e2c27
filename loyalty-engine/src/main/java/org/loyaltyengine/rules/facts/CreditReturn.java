package org.loyaltyengine.rules.facts;

/**
 * A credit note on a consuming document (SPEC X-13): its id, the document its entries name
 * ({@code credit-note:<id>}) and the reference of the document it credits.
 */
public record CreditReturn(String creditNoteId, String document, String reference, String customerId) {
}
