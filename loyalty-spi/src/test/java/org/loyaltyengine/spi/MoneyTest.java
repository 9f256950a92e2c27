package org.loyaltyengine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Money is BigDecimal with a currency, at the currency's scale, rounded only where asked (SPEC X-9). */
@Tag("X-9")
class MoneyTest {
    @Test
    void of_takesTheCurrencyScaleAndRefusesMoreDecimals() {
        assertEquals(new BigDecimal("10.50"), Money.of("10.5", "EUR").amount());
        assertEquals(new BigDecimal("7"), Money.of("7", "JPY").amount());
        assertEquals(new BigDecimal("1.000"), Money.of("1", "BHD").amount());
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Money.of("0.125", "EUR"));
        assertTrue(e.getMessage().contains("round it first"), e.getMessage());
        assertThrows(InvalidValueException.class, () -> Money.of("1.5", "JPY"));
        assertThrows(InvalidValueException.class, () -> Money.of("1.00", "EURO"));
    }

    @Test
    void percentOf_roundsHalfUpToTheCurrencyScale() {
        assertEquals(Money.of("5.00", "CZK"), Money.of("33.33", "CZK").percentOf(new BigDecimal("15"))); // 4.9995
        assertEquals(Money.of("0.01", "CZK"), Money.of("0.07", "CZK").percentOf(new BigDecimal("15"))); // 0.0105
        assertEquals(Money.of("0.00", "CZK"), Money.of("0.03", "CZK").percentOf(new BigDecimal("15"))); // 0.0045
        assertEquals(Money.of("-1.50", "EUR"), Money.of("-15.00", "EUR").percentOf(BigDecimal.TEN));
    }

    @Test
    void arithmetic_refusesToMixCurrencies() {
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class,
                () -> Money.of("1.00", "EUR").plus(Money.of("1.00", "CZK")));
        assertEquals("CURRENCY_MISMATCH", e.code());
        assertEquals(Money.of("0.30", "EUR"), Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR")));
    }

    @Property(tries = 200)
    void plusThenMinus_givesBackTheAmountExactly(@ForAll @Scale(2) @BigRange(min = "-1000000", max = "1000000") BigDecimal a,
                                                  @ForAll @Scale(2) @BigRange(min = "-1000000", max = "1000000") BigDecimal b) {
        Money x = Money.of(a, "EUR");
        Money y = Money.of(b, "EUR");
        assertEquals(x, x.plus(y).minus(y));
    }

    @Property(tries = 200)
    void percentOf_isWithinHalfACentOfTheExactValue(@ForAll @Scale(2) @BigRange(min = "0", max = "100000") BigDecimal a,
                                                    @ForAll @Scale(2) @BigRange(min = "0", max = "100") BigDecimal pct) {
        BigDecimal exact = a.multiply(pct).divide(BigDecimal.valueOf(100));
        BigDecimal rounded = Money.of(a, "EUR").percentOf(pct).amount();
        assertTrue(rounded.subtract(exact).abs().compareTo(new BigDecimal("0.005")) <= 0, rounded + " vs " + exact);
        assertTrue(rounded.compareTo(a) <= 0);
    }
}
