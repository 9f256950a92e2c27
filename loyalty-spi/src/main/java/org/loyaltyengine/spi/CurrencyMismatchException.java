package org.loyaltyengine.spi;

/** Two amounts in different currencies met where one currency is required. */
public class CurrencyMismatchException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    public CurrencyMismatchException(String message) {
        super("CURRENCY_MISMATCH", message);
    }

    /**
     * The one wording of every currency refusal: what is in which currency, what it met in which, and
     * what the user can do, as in "item 3 is in EUR but receipt R1 is in CZK; price the item in CZK".
     *
     * @param subject what the request brought (an item, a card, a new currency setting)
     * @param other   what it must agree with (the receipt, the practice's cards, the program's setting)
     * @param remedy  what to do instead, or null when nothing can be done
     */
    public static CurrencyMismatchException of(String subject, String subjectCurrency, String other,
                                               String otherCurrency, String remedy) {
        return new CurrencyMismatchException(subject + " is in " + subjectCurrency + " but " + other + " is in "
                + otherCurrency + (remedy == null ? "" : "; " + remedy));
    }
}
