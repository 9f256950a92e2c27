package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * How the program reads its ledger entries: each is earned (earning on a booking, its adjustments and
 * reversals, manual entries), used (payments with points and their give-backs) or expired. The analysis,
 * the availability facts and the accounting report all classify through here, so they cannot disagree.
 */
final class PointsEntries {
    /** The line name of a points payment's entries; give-backs of a payment use {@link #REFUND_LINE}. */
    static final String PAYMENT_LINE = SavingsPoints.PAYMENT_LINE;
    static final String REFUND_LINE = SavingsPoints.REFUND_LINE;

    /** What an entry is to the program, and to its reports. */
    enum Kind { EARNED, USED, EXPIRED }

    private PointsEntries() {
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

    /** The key of a booking line in {@link #expiredByLine}. */
    static String lineKey(String bookingId, String lineId) {
        return bookingId + "\u0000" + lineId;
    }

    /**
     * How many points of each booking line expired (SPEC SP-14, X-13), keyed by {@link #lineKey}: a
     * cancellation or a price cut never takes back points that expired, so it needs to know which of a
     * customer's expired points a line had earned.
     *
     * <p>An expiry takes every point still unused at the year's end, without saying whose. The program
     * reads its points as used oldest first, the usual convention of points programs (and the one that
     * lets the fewest expire), so the points that expired are the most recent ones: the year's expiry is
     * attributed to the sources (booking lines, manual credits) that earned since the previous expiry, the
     * source that started earning last first (sources that started in one command by line id), each up to
     * the points it holds from then. Once an expiry has run, the points dated up to its year end are
     * settled (used or expired) and take no part in a later one. No rounding is involved: shares are
     * whole amounts of the entries.
     */
    static Map<String, BigDecimal> expiredByLine(List<LedgerEntry> entries) {
        Map<String, List<LedgerEntry>> open = new LinkedHashMap<>();
        Map<String, BigDecimal> expired = new HashMap<>();
        // The entries of one command are one moment: the order in which its rules fired is not an age.
        Map<String, Long> commandStart = new HashMap<>();
        List<LedgerEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(LedgerEntry::sequence));
        for (LedgerEntry e : sorted) {
            commandStart.putIfAbsent(commandOf(e), e.sequence());
            Kind kind = kindOf(e);
            if (kind == Kind.EARNED) {
                String source = sourceOf(e);
                if (source != null) {
                    open.computeIfAbsent(source, k -> new ArrayList<>()).add(e);
                }
            } else if (kind == Kind.EXPIRED && e.amount().signum() < 0) {
                LocalDate yearEnd = yearEndOf(e);
                record Share(String source, BigDecimal points, long first) {
                }
                List<Share> shares = new ArrayList<>();
                open.forEach((source, held) -> {
                    List<LedgerEntry> before = held.stream().filter(onOrBefore(yearEnd)).toList();
                    BigDecimal points = sum(before, x -> true);
                    if (points.signum() > 0) {
                        shares.add(new Share(source, points, commandStart.get(commandOf(before.get(0)))));
                    }
                });
                shares.sort(Comparator.comparingLong(Share::first).reversed().thenComparing(Share::source));
                BigDecimal left = e.amount().negate();
                for (Share share : shares) {
                    BigDecimal taken = share.points().min(left);
                    if (taken.signum() > 0) {
                        expired.merge(share.source(), taken, BigDecimal::add);
                        left = left.subtract(taken);
                    }
                }
                open.values().forEach(held -> held.removeIf(onOrBefore(yearEnd)));
            }
        }
        return expired;
    }

    private static String commandOf(LedgerEntry e) {
        return e.idempotencyKey() == null ? "#" + e.sequence() : e.idempotencyKey();
    }

    /** A booking line for its entries, a manual credit on its own, nothing for a manual deduction. */
    private static String sourceOf(LedgerEntry e) {
        if (e.kind() == EntryKind.MANUAL) {
            return e.amount().signum() > 0 ? "manual\u0000" + e.sequence() : null;
        }
        return e.document() == null ? null : lineKey(e.document(), e.line());
    }

    /** The year end an expiry entry closed: its document names the year ({@code expiry-2025}). */
    private static LocalDate yearEndOf(LedgerEntry e) {
        String prefix = SavingsPoints.EXPIRY_DOCUMENT;
        if (e.document() != null && e.document().startsWith(prefix)) {
            try {
                return LocalDate.of(Integer.parseInt(e.document().substring(prefix.length())), 12, 31);
            } catch (NumberFormatException | java.time.DateTimeException ignored) {
                // not one of the program's own expiry documents: its business date is the cut-off
            }
        }
        return e.businessDate();
    }
}
