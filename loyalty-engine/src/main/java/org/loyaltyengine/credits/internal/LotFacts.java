package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.rules.facts.CreditLot;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * The lots as the rules see them: each with its account's balance and what can be drawn, and its place in the
 * order work draws on a customer's usable lots of a type, first in first out (SPEC CR-8): the soonest-expiring
 * first, lots without an end after those, then by sale date, sale and line. SPEC CR-8 fixes the order, so it is
 * no setting; the rules decide how much each line takes in that order.
 */
final class LotFacts {
    /** First in, first out: by the end of validity (none last), then sale date, sale and line. */
    static final Comparator<Lot> DRAW_ORDER = Comparator
            .comparing(Lot::validUntil, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::soldOn).thenComparing(Lot::saleId).thenComparing(Lot::lineId);

    private LotFacts() {
    }

    /**
     * @param pendingHolds the ids of the lots' reservations that still hold
     * @param date         the business date: a lot past its validity on it is not usable
     */
    static List<CreditLot> of(List<Lot> lots, Map<AccountKey, Account> accounts, Set<String> pendingHolds,
                              LocalDate date) {
        Map<String, List<Lot>> usable = new HashMap<>();
        for (Lot l : lots) {
            if (l.usableOn(date)) {
                usable.computeIfAbsent(l.customerId() + "\n" + l.type(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<Lot, Integer> order = new HashMap<>();
        Map<Lot, BigDecimal> before = new HashMap<>();
        for (List<Lot> group : usable.values()) {
            group.sort(DRAW_ORDER);
            BigDecimal sum = BigDecimal.ZERO;
            int n = 0;
            for (Lot l : group) {
                order.put(l, ++n);
                before.put(l, sum);
                sum = sum.add(available(accounts.get(l.account())));
            }
        }
        Map<String, BigDecimal> soldBefore = new HashMap<>();
        List<CreditLot> facts = new ArrayList<>();
        for (Lot l : lots) {
            Account a = accounts.get(l.account());
            String saleType = l.saleId() + "\n" + l.type();
            BigDecimal saleBefore = soldBefore.getOrDefault(saleType, BigDecimal.ZERO);
            soldBefore.put(saleType, saleBefore.add(l.quantity()));
            facts.add(new CreditLot(l.saleId(), l.lineId(), l.customerId(), l.type(), l.account(), l.saleStatus(),
                    l.quantity(), l.unitPrice(), l.validUntil(), order.containsKey(l),
                    a == null ? BigDecimal.ZERO : a.balance(), available(a), l.holdId(),
                    l.holdId() != null && pendingHolds.contains(l.holdId()), order.getOrDefault(l, 0),
                    before.getOrDefault(l, BigDecimal.ZERO), saleBefore));
        }
        return facts;
    }

    /** What all usable lots of each type hold together, by type. */
    static Map<String, BigDecimal> usableByType(List<CreditLot> lots) {
        Map<String, BigDecimal> sum = new HashMap<>();
        for (CreditLot l : lots) {
            if (l.usable()) {
                sum.merge(l.type(), l.available(), BigDecimal::add);
            }
        }
        return sum;
    }

    private static BigDecimal available(Account a) {
        return a == null ? BigDecimal.ZERO : a.available().max(BigDecimal.ZERO);
    }
}
