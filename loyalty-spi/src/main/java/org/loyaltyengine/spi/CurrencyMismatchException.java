package org.loyaltyengine.spi;

/** Two amounts in different currencies met where one currency is required. */
public class CurrencyMismatchException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    public CurrencyMismatchException(String message) {
        super("CURRENCY_MISMATCH", message);
    }
}
