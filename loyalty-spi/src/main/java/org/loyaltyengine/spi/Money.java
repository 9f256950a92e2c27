package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in one currency, always at the currency's own scale (2 for EUR and CZK).
 *
 * <p>An amount with more decimals than the currency has is refused rather than rounded silently:
 * rounding is a policy decision and belongs in the rules ({@link #percentOf}) where it is explicit. An
 * amount with more than {@link Limits#MAX_INTEGER_DIGITS} integer digits is refused too: no store keeps it.
 */
public record Money(BigDecimal amount, Currency currency) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Money {
        Checks.notNull(amount, "amount");
        Checks.notNull(currency, "currency");
        int scale = currency.getDefaultFractionDigits() < 0 ? 2 : currency.getDefaultFractionDigits();
        if ((long) amount.precision() - amount.scale() > Limits.MAX_INTEGER_DIGITS) {
            throw new InvalidValueException("amount " + amount + " " + currency.getCurrencyCode() + " has more than "
                    + Limits.MAX_INTEGER_DIGITS + " integer digits, more than a store keeps");
        }
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new InvalidValueException("amount " + amount + " has more than " + scale
                    + " decimals, the scale of " + currency.getCurrencyCode() + "; round it first");
        }
        amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
    }

    /** The amount written as text ({@code "12.50"}); null or garbage is a typed error, not a NumberFormatException. */
    public static Money of(String amount, String currency) {
        return new Money(Checks.parseDecimal(amount, "amount"), currency(currency));
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency(currency));
    }

    public static Money zero(Currency currency) {
        Checks.notNull(currency, "currency");
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Resolves an ISO 4217 code, failing with a typed error instead of IllegalArgumentException. */
    public static Currency currency(String isoCode) {
        Checks.text(isoCode, "currency");
        try {
            return Currency.getInstance(isoCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("'" + isoCode + "' is not an ISO 4217 currency code");
        }
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** {@code percent}% of this amount, rounded half-up to the currency's scale. */
    public Money percentOf(BigDecimal percent) {
        Checks.decimal(percent, "percentage");
        return new Money(amount.multiply(percent).divide(HUNDRED, amount.scale(), RoundingMode.HALF_UP), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public Unit unit() {
        return Unit.currency(currency.getCurrencyCode());
    }

    private Money sameCurrency(Money other) {
        Checks.notNull(other, "other amount");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException("cannot combine " + currency.getCurrencyCode() + " with "
                    + other.currency.getCurrencyCode());
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
