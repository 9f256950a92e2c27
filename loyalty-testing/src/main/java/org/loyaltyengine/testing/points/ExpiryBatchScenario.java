package org.loyaltyengine.testing.points;

import static org.loyaltyengine.testing.points.PointsFixtures.applied;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * A customer base for the year-end expiry of 2025, built the same way in any tenant, so that the batch and the
 * single run can each be run on a copy and compared. Each customer has a history that the expiry treats in its
 * own way (SPEC SP-14): points of 2024 only (all expire), points earned in 2025 (none), points used in 2025 (the
 * rest), points credited after the year end (only the year-end balance), none left at the year end (none), and points
 * the run of 2024 expired already. Built with manual entries, a command each, and the run of 2025 on
 * 10 January 2026.
 */
public final class ExpiryBatchScenario {
    /** A customer's history, and what the run of 2025 must expire of it (worked out by hand). */
    public enum History {
        /** 100 in 2024, nothing since: 100 expire. */
        EARNED_2024_ONLY("-100"),
        /** 100 in 2024 and 40 in 2025: earned in 2025, nothing expires. */
        EARNED_2025("0"),
        /** 100 in 2024, 30 taken off in 2025: earned nothing in 2025, the 70 left expire. */
        REDUCED_2025("-70"),
        /** 100 in 2024, 20 credited on 5 January 2026: the 100 held at the year end expire, the 20 stay. */
        CREDITED_AFTER("-100"),
        /** 50 in 2024, all taken off again in 2024: nothing held at the year end, nothing to expire. */
        NOTHING_LEFT("0"),
        /** 60 in 2023, expired by the run of 2024 (run on 31 December 2024), nothing left. */
        EXPIRED_BEFORE("0");

        public final BigDecimal expires;

        History(String expires) {
            this.expires = new BigDecimal(expires);
        }
    }

    private ExpiryBatchScenario() {
    }

    /**
     * Two customers of every history, in an order that mixes them, under owners that sort differently by case and
     * digits.
     */
    public static Map<String, History> twoOfEach() {
        Map<String, History> customers = new LinkedHashMap<>();
        History[] all = History.values();
        for (int i = 0; i < 2 * all.length; i++) {
            customers.put((i % 3 == 0 ? "C" : "c") + "-" + (i * 7 % 13), all[(i * 5) % all.length]);
        }
        return customers;
    }

    /** Stores the customers and builds their histories; expiry is switched on. */
    public static void build(PointsFixtures f, Map<String, History> customers) {
        f.store.inTransaction(f.agency, tx -> {
            customers.keySet().forEach(id -> tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of())));
            return null;
        });
        f.set("expiryEnabled", "true");
        boolean expiredBefore = customers.containsValue(History.EXPIRED_BEFORE);
        if (expiredBefore) {
            f.on("2023-04-01");
            customers.forEach((id, h) -> {
                if (h == History.EXPIRED_BEFORE) {
                    entry(f, id, "60");
                }
            });
        }
        f.on("2024-05-01");
        customers.forEach((id, h) -> {
            switch (h) {
                case NOTHING_LEFT -> {
                    entry(f, id, "50");
                    entry(f, id, "-50");
                }
                case EXPIRED_BEFORE -> {
                }
                default -> entry(f, id, "100");
            }
        });
        if (expiredBefore) {
            // The run of 2024 expires EXPIRED_BEFORE's 60 (and leaves the others, who earned in 2024).
            f.on("2024-12-31");
            applied(f.points.expireYear(f.admin(), new ExpireYear(2024)));
        }
        f.on("2025-06-01");
        customers.forEach((id, h) -> {
            if (h == History.EARNED_2025) {
                entry(f, id, "40");
            } else if (h == History.REDUCED_2025) {
                entry(f, id, "-30");
            }
        });
        f.on("2026-01-05");
        customers.forEach((id, h) -> {
            if (h == History.CREDITED_AFTER) {
                entry(f, id, "20");
            }
        });
        f.on("2026-01-10");
    }

    private static void entry(PointsFixtures f, String customer, String points) {
        applied(f.points.manualEntry(f.admin(), new ManualEntry(customer, new BigDecimal(points), "history")));
    }

    /**
     * Every points account's balance and entries as the comparison reads them: what each entry moved, of which
     * kind, on which day, naming which document and line, with which note; not the sequence, time or command,
     * which differ between two tenants by construction.
     */
    public static Map<String, String> ledger(PointsFixtures f) {
        return f.store.inTransaction(f.agency, tx -> {
            Map<String, String> out = new TreeMap<>();
            for (Account a : tx.accounts().ofProgram(SavingsPoints.PROGRAM)) {
                List<String> entries = new ArrayList<>();
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    entries.add(e.kind() + " " + e.amount().stripTrailingZeros().toPlainString() + " " + e.businessDate()
                            + " " + e.document() + " " + e.line() + " " + e.note());
                }
                out.put(a.key().owner(), a.balance().stripTrailingZeros().toPlainString() + " " + entries);
            }
            return out;
        });
    }

    /** What the run of 2025 expired of each customer: the sum of their EXPIRE entries naming {@code expiry-2025}. */
    public static Map<String, BigDecimal> expired2025(PointsFixtures f) {
        return f.store.inTransaction(f.agency, tx -> {
            Map<String, BigDecimal> out = new TreeMap<>();
            for (Account a : tx.accounts().ofProgram(SavingsPoints.PROGRAM)) {
                BigDecimal sum = BigDecimal.ZERO;
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    if ((SavingsPoints.EXPIRY_DOCUMENT + 2025).equals(e.document())) {
                        sum = sum.add(e.amount());
                    }
                }
                out.put(a.key().owner(), sum);
            }
            return out;
        });
    }

    /** What {@link #expired2025} must say, from the histories alone. */
    public static Map<String, BigDecimal> expected(Map<String, History> customers) {
        Map<String, BigDecimal> out = new TreeMap<>();
        customers.forEach((id, h) -> out.put(id, h.expires));
        return out;
    }
}
