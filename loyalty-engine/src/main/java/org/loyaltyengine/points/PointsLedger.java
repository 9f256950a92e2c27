package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * How the program reads its ledger entries: each is earned (earning on a booking, its adjustments and
 * reversals, manual entries), used (payments with points and their give-backs) or expired. The analysis,
 * the availability facts and the accounting report all classify through here, so they cannot disagree.
 */
final class PointsLedger {
    /** The line name of a points payment's entries; give-backs of a payment use {@link #REFUND_LINE}. */
    static final String PAYMENT_LINE = "payment";
    static final String REFUND_LINE = "payment-refund";

    enum Kind { EARNED, USED, EXPIRED }

    private PointsLedger() {
    }

    static Kind kindOf(LedgerEntry e) {
        if (e.kind() == EntryKind.EXPIRE) {
            return Kind.EXPIRED;
        }
        if (e.kind() == EntryKind.REDEEM || PAYMENT_LINE.equals(e.line()) || REFUND_LINE.equals(e.line())) {
            return Kind.USED;
        }
        return Kind.EARNED;
    }

    static BigDecimal sum(List<LedgerEntry> entries, Predicate<LedgerEntry> which) {
        return entries.stream().filter(which).map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static Predicate<LedgerEntry> earned() {
        return e -> kindOf(e) == Kind.EARNED;
    }

    static Predicate<LedgerEntry> inYear(int year) {
        return e -> e.businessDate().getYear() == year;
    }

    static Predicate<LedgerEntry> onOrBefore(LocalDate date) {
        return e -> !e.businessDate().isAfter(date);
    }

    static Predicate<LedgerEntry> positive() {
        return e -> e.amount().signum() > 0;
    }
}
