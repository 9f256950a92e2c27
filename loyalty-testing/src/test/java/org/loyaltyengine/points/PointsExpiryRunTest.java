package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * A year-end run is a typed record of its own, a {@code points-expiry} document dated on the year end it
 * closed, and the entries it made name it: what an expiry entry settled is read from that date, not from the
 * form of the document id its entries name. Entries a host wrote under no command's key take part in whose
 * points an expiry took, each a moment of its own.
 */
@Tag("SP-14")
@Tag("X-13")
class PointsExpiryRunTest {
    /** B1 earns 100 points in 2024, B2 50 on 5 January 2026. */
    private static PointsFixtures agency() {
        InMemoryStore store = new InMemoryStore();
        PointsFixtures f = new PointsFixtures(LoyaltyEngine.builder().store(store).build(), store).customer("c1");
        f.on("2024-01-02").set("rate", "0.20", "expiryEnabled", "true")
                .supplier(new Supplier("TUI", true, null, new java.util.TreeMap<>()));
        f.on("2024-05-01");
        PointsFixtures.applied(f.book("B1", "c1", PointsFixtures.service("1", "TUI", "package", "500.00")));
        f.on("2026-01-05");
        PointsFixtures.applied(f.book("B2", "c1", PointsFixtures.service("1", "TUI", "package", "250.00")));
        return f;
    }

    private static Document stored(PointsFixtures f, String type, String id) {
        return f.store.inTransaction(f.agency, tx -> tx.documents().find(type, id)).orElseThrow();
    }

    @Test
    void theRunIsStoredDatedOnTheYearEndItClosedAndItsEntriesNameIt() {
        PointsFixtures f = agency();
        f.on("2026-01-15");
        Outcome run = PointsFixtures.applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        Document d = stored(f, "points-expiry", "expiry-2025");
        assertEquals(LocalDate.of(2025, 12, 31), d.date());
        assertEquals("2026-01-15", d.attribute("ranOn").orElseThrow());
        assertEquals(PointsFixtures.ADMIN.user(), d.attribute("user").orElseThrow());
        assertEquals(1, run.entries().size());
        assertEquals("expiry-2025", run.entries().get(0).document());
        assertEquals(0, new BigDecimal("-100.00").compareTo(run.entries().get(0).amount()));
        // A second run finds its entries and writes nothing, the run's document included.
        PointsFixtures.applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        assertEquals(d.version(), stored(f, "points-expiry", "expiry-2025").version());
        // Settled up to 31 December 2025: B2's points of January 2026 did not expire and go back in full.
        f.on("2026-01-20");
        PointsFixtures.applied(f.points.cancel(f.clerk(), new Cancellation("B2", null)));
        assertEquals(0, f.balance("c1").signum());
    }

    @Test
    void anExpiryEntryOfNoStoredRunSettlesUpToItsOwnDateWhateverItsDocumentIsCalled() {
        PointsFixtures f = agency();
        // A host's own expiry entry, named like a run's but of no run the program stored.
        f.store.inTransaction(f.agency, tx -> tx.ledger().append(new LedgerEntry(0, SavingsPoints.accountOf("c1"),
                EntryKind.EXPIRE, new BigDecimal("-100.00"), "expiry-2025", null, LocalDate.of(2026, 1, 15),
                Instant.parse("2026-01-15T09:00:00Z"), "host", "host's own expiry", null,
                new RuleRef("host", 1, "host"), null)));
        assertEquals(0, new BigDecimal("50.00").compareTo(f.balance("c1")));
        // Settled up to 15 January 2026, it fell on B2 first (the source that started earning last): all of
        // B2's 50 points expired, and a cancellation takes back none of them.
        f.on("2026-01-20");
        Outcome cancel = PointsFixtures.applied(f.points.cancel(f.clerk(), new Cancellation("B2", null)));
        assertTrue(cancel.notices().stream().anyMatch(n -> n.code().equals("POINTS_ALREADY_EXPIRED")),
                () -> "notices " + cancel.notices());
        assertEquals(0, new BigDecimal("50.00").compareTo(f.balance("c1")));
    }

    /** A host's own credit of points, written straight into the store under no command's key. */
    private static void hostCredit(PointsFixtures f, String points, String date) {
        LocalDate day = LocalDate.parse(date);
        f.store.inTransaction(f.agency, tx -> {
            tx.accounts().open(SavingsPoints.accountOf("c1"), null);
            return tx.ledger().append(new LedgerEntry(0, SavingsPoints.accountOf("c1"), EntryKind.MANUAL,
                    new BigDecimal(points), null, null, day, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    "host", "host's own credit", null, new RuleRef("host", 1, "host"), null));
        });
    }

    @Test
    void anEntryOfNoCommandStartsEarningOnItsOwnWhereverTheOtherEntriesOfNoCommandStand() {
        InMemoryStore store = new InMemoryStore();
        PointsFixtures f = new PointsFixtures(LoyaltyEngine.builder().store(store).build(), store).customer("c1");
        f.on("2024-01-02").set("rate", "0.20", "expiryEnabled", "true", "paymentType", "SPAARPUNTEN",
                "directlyAvailable", "true").supplier(new Supplier("TUI", true, null, new java.util.TreeMap<>()));
        hostCredit(f, "50", "2024-04-01");
        f.on("2024-05-01");
        PointsFixtures.applied(f.book("B1", "c1", PointsFixtures.service("1", "TUI", "package", "500.00"))); // 100
        hostCredit(f, "30", "2024-06-01");
        f.on("2025-02-01");
        PointsFixtures.applied(f.payWithPoints("B1", "60.00"));
        f.on("2025-12-31");
        PointsFixtures.applied(f.points.expireYear(f.admin(), new ExpireYear(2025))); // the 120 left
        // Started last first: the credit of June (30), then B1 (90 of its 100), then the credit of April (0).
        // Had the two credits of no command been one moment, April's, the whole expiry would have begun on B1.
        f.on("2026-01-10");
        Outcome cancel = PointsFixtures.applied(f.points.cancel(f.clerk(), new Cancellation("B1", null)));
        assertEquals("90.00", f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(0).points().toPlainString(),
                () -> "cancelled " + cancel.entries());
        // 10 taken back, the 60 paid given back.
        assertEquals(0, new BigDecimal("50.00").compareTo(f.balance("c1")));
    }
}
