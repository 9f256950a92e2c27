package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A POS discount/credit card (SPEC PC-1): holder names, a number unique in the tenant, a discount
 * percentage, and whether the card may draw credit and be loaded (topped up).
 *
 * <p>A card is of a {@link Kind}: an ordinary {@link Kind#CARD customer card}, or a {@link Kind#VOUCHER
 * voucher or gift certificate} (SPEC PC-8, PC-12), which works through the same credit mechanism, may pay
 * part of an item with what it has left, and may carry a last day of validity.
 *
 * @param kind       what the card is; {@link Kind#CARD} for every card defined without one
 * @param validUntil the last day a voucher may be drawn on (that day included), null for a voucher without an
 *                   expiry; only a voucher has one, from {@link Limits#EARLIEST_DATE} to {@link Limits#LATEST_DATE}
 */
public record Card(String number, String firstName, String lastName, BigDecimal discountPercent,
                   boolean creditDrawing, boolean loadOntoCard, Currency currency, Kind kind, LocalDate validUntil) {
    /** What a card is: an ordinary customer card, or a voucher (gift certificate). */
    public enum Kind { CARD, VOUCHER }

    public Card {
        Checks.identifier(number, "card number", Limits.CARD_NUMBER);
        Checks.name(firstName, "first name", Limits.NAME);
        Checks.name(lastName, "last name", Limits.NAME);
        Checks.percent(discountPercent, "discount percent");
        Checks.notNull(currency, "card currency");
        Checks.notNull(kind, "card kind");
        if (validUntil != null) {
            // A customer card has no validity in the manual; an expiry on one would be a date nobody checks.
            if (kind != Kind.VOUCHER) {
                throw new InvalidValueException("card " + number + " is a " + kind + " and cannot have a valid-until date ("
                        + validUntil + "); only a voucher expires: define it with the kind VOUCHER, or without the date");
            }
            Checks.date(validUntil, "valid-until date of voucher " + number);
        }
    }

    /** An ordinary customer card ({@link Kind#CARD}), without an expiry. */
    public Card(String number, String firstName, String lastName, BigDecimal discountPercent, boolean creditDrawing,
                boolean loadOntoCard, Currency currency) {
        this(number, firstName, lastName, discountPercent, creditDrawing, loadOntoCard, currency, Kind.CARD, null);
    }

    /**
     * A voucher or gift certificate: no discount, draws credit and can be loaded (sold through a receipt's credit
     * item), valid up to and including {@code validUntil} (null: no expiry).
     */
    public static Card voucher(String number, String firstName, String lastName, Currency currency,
                               LocalDate validUntil) {
        return new Card(number, firstName, lastName, BigDecimal.ZERO, true, true, currency, Kind.VOUCHER, validUntil);
    }

    /** This card as a voucher valid up to and including {@code validUntil} (null: no expiry), all else kept. */
    public Card asVoucher(LocalDate validUntil) {
        return new Card(number, firstName, lastName, discountPercent, creditDrawing, loadOntoCard, currency,
                Kind.VOUCHER, validUntil);
    }

    /** Whether this is a voucher (gift certificate). */
    public boolean isVoucher() {
        return kind == Kind.VOUCHER;
    }

    /**
     * Whether this voucher is past its validity on {@code day}: the day after {@link #validUntil()} and later
     * (the last day itself is still valid). A card without a valid-until date never expires. The reads show it
     * (statement, card list); the {@code pos-card} rules refuse drawing on the same terms.
     */
    public boolean expiredOn(LocalDate day) {
        Checks.notNull(day, "day");
        return validUntil != null && day.isAfter(validUntil);
    }

    /**
     * The same definition, the discount compared by value ({@code 10} and {@code 10.00} are one): what a
     * store compares a card it holds with the card a caller read ({@link Cards#update}).
     */
    public boolean sameAs(Card other) {
        return other != null && number.equals(other.number) && firstName.equals(other.firstName)
                && lastName.equals(other.lastName) && discountPercent.compareTo(other.discountPercent) == 0
                && creditDrawing == other.creditDrawing && loadOntoCard == other.loadOntoCard
                && currency.equals(other.currency) && kind == other.kind && Objects.equals(validUntil, other.validUntil);
    }
}
