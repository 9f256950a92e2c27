package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vouchers past their validity on a day, with the value each still holds (SPEC PC-12): an expiry books
 * nothing, so this is where a host finds what its expired vouchers hold, to write it off (a manual deduction
 * with a note) or to extend a voucher (define it again with a later valid-until date).
 *
 * @param on        the day asked about: a voucher is listed when this day is after its last valid day
 * @param vouchers  the expired vouchers, ordered by number, each with its credit (the remaining value), held and
 *                  available amounts, all {@code expired}
 * @param remaining the sum of their credit per currency code, for every currency they hold
 */
public record ExpiredVouchers(LocalDate on, List<CardList.Row> vouchers, Map<String, BigDecimal> remaining) {
    public ExpiredVouchers {
        vouchers = List.copyOf(vouchers);
        remaining = Map.copyOf(remaining);
    }

    /** The list for {@code on}, its sums taken from the rows. */
    public static ExpiredVouchers of(LocalDate on, List<CardList.Row> vouchers) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (CardList.Row r : vouchers) {
            sums.merge(r.card().currency().getCurrencyCode(), r.credit(), BigDecimal::add);
        }
        return new ExpiredVouchers(on, vouchers, sums);
    }

    /** The remaining value of the expired vouchers in {@code currencyCode}; zero when none holds that currency. */
    public BigDecimal remaining(String currencyCode) {
        return remaining.getOrDefault(currencyCode, BigDecimal.ZERO);
    }
}
