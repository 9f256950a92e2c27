package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's answer to registered work, per line (SPEC CR-2, CR-4, CR-5): what the credits covered and from
 * which lots, what the host bills (quantity and amount), and what went into a negative balance. Lines are
 * keyed by their id; a draw by {@code line|sale/lot-line}. A line missing from a map has nothing there. The
 * rules build it line by line ({@link #of(Decision)}, then {@code with...}).
 */
public record CreditWorkAnswer(String reference, Map<String, BigDecimal> covered, Map<String, BigDecimal> billable,
                               Map<String, BigDecimal> billableAmount, Map<String, BigDecimal> draws,
                               Map<String, BigDecimal> overdrawn) {
    public CreditWorkAnswer {
        covered = Map.copyOf(covered);
        billable = Map.copyOf(billable);
        billableAmount = Map.copyOf(billableAmount);
        draws = Map.copyOf(draws);
        overdrawn = Map.copyOf(overdrawn);
    }

    /** The answer decided so far for this evaluation, or an empty one for {@code reference}. */
    public static CreditWorkAnswer of(Decision decision, String reference) {
        return decision.resultOf(CreditWorkAnswer.class).orElse(new CreditWorkAnswer(reference, Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of()));
    }

    /** With {@code quantity} of {@code line} drawn from {@code lot}. */
    public CreditWorkAnswer withDraw(String line, String lot, BigDecimal quantity) {
        return new CreditWorkAnswer(reference, plus(covered, line, quantity), billable, billableAmount,
                plus(draws, line + "|" + lot, quantity), overdrawn);
    }

    /** With {@code quantity} of {@code line} billed at {@code amount}. */
    public CreditWorkAnswer withBillable(String line, BigDecimal quantity, BigDecimal amount) {
        return new CreditWorkAnswer(reference, covered, plus(billable, line, quantity),
                plus(billableAmount, line, amount), draws, overdrawn);
    }

    /** With {@code quantity} of {@code line} consumed into a negative balance. */
    public CreditWorkAnswer withOverdrawn(String line, BigDecimal quantity) {
        return new CreditWorkAnswer(reference, plus(covered, line, quantity), billable, billableAmount, draws,
                plus(overdrawn, line, quantity));
    }

    /** What the credits covered of a line, the part overdrawn included. */
    public BigDecimal coveredOf(String line) {
        return covered.getOrDefault(line, BigDecimal.ZERO);
    }

    /** What the host bills of a line. */
    public BigDecimal billableOf(String line) {
        return billable.getOrDefault(line, BigDecimal.ZERO);
    }

    /** The amount the host bills for a line. */
    public BigDecimal billableAmountOf(String line) {
        return billableAmount.getOrDefault(line, BigDecimal.ZERO);
    }

    /** The credits a line drew from each lot ({@code sale/line}), in no particular order. */
    public Map<String, BigDecimal> drawsOf(String line) {
        Map<String, BigDecimal> of = new TreeMap<>();
        draws.forEach((k, v) -> {
            if (k.startsWith(line + "|")) {
                of.put(k.substring(line.length() + 1), v);
            }
        });
        return of;
    }

    private static Map<String, BigDecimal> plus(Map<String, BigDecimal> map, String key, BigDecimal quantity) {
        Map<String, BigDecimal> next = new TreeMap<>(map);
        next.merge(key, quantity, BigDecimal::add);
        return next;
    }
}
