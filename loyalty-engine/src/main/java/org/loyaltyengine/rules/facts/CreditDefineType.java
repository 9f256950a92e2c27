package org.loyaltyengine.rules.facts;

/**
 * A credit type being defined (SPEC CR-1): its code and currency, and the currency it had ({@code null}: a new
 * type).
 */
public record CreditDefineType(String code, String currency, String currencyBefore) {
    /** Whether the definition changes the currency of an existing type. */
    public boolean changesCurrency() {
        return currencyBefore != null && !currencyBefore.equals(currency);
    }
}
