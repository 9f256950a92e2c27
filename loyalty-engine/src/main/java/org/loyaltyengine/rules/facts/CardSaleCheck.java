package org.loyaltyengine.rules.facts;

/**
 * Inserted when a lock or a settlement sends a sale that is on record already, before anything is
 * written: whether the sale as sent ({@link CardSaleLine}s) may replace what is stored of it
 * ({@link CardSale}, {@link CardStoredLine}s) is the rules' to decide. A refusal is an invalid value to
 * the host (code {@code INVALID_VALUE}); nothing is written and nothing is kept under the request's key.
 *
 * @param settling       whether the sale is sent to settle on (else to lock)
 * @param currency       the currency the sale is sent in
 * @param storedCurrency the currency it is stored in
 */
public record CardSaleCheck(String document, String customer, boolean settling, String currency,
                            String storedCurrency) {
}
