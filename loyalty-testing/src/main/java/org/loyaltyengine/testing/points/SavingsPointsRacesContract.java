package org.loyaltyengine.testing.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;
import static org.loyaltyengine.testing.points.PointsFixtures.assertAmount;
import static org.loyaltyengine.testing.points.PointsFixtures.rejected;
import static org.loyaltyengine.testing.points.PointsFixtures.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.Interleaving;
import org.loyaltyengine.testing.MutableClock;

/**
 * Savings-points commands that change one customer's ledger while another decides on it: each must decide
 * as if the two had run one after the other. {@link Interleaving} runs the other command at the moment a
 * command has read what it decides on and is about to lock the accounts, every time. Abstract so that every
 * store runs it: {@link SavingsPointsRacesInMemoryTest} here, the JPA adapter on its databases.
 */
public abstract class SavingsPointsRacesContract {
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();
    /** One {@link Interleaving} per store under test; its engine is in {@link #ENGINES}. */
    private static final Map<LoyaltyStore, Interleaving> INTERLEAVED = new ConcurrentHashMap<>();

    /** The store under test; one shared store (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    private PointsFixtures agency() {
        Interleaving store = INTERLEAVED.computeIfAbsent(newStore(), Interleaving::new);
        PointsFixtures f = new PointsFixtures(ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder()
                .store(s).clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build()), store);
        f.customer("c1");
        f.supplier(Supplier.enabled("TUI"));
        return f;
    }

    private static Interleaving interleaving(PointsFixtures f) {
        return (Interleaving) f.store;
    }

    @Test
    @Tag("SP-14")
    @Tag("X-5")
    void expireYear_secondRunMeanwhile_expiresThePointsOnce() throws Exception {
        PointsFixtures f = agency();
        f.set("rate", "0.20", "expiryEnabled", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024, none in 2025
        f.on("2025-12-31");
        Future<Outcome> theirs = interleaving(f).once(Interleaving.Point.BEFORE_LOCK,
                () -> f.points.expireYear(f.admin(), new ExpireYear(2025)));
        Outcome mine = applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        Outcome other = applied(theirs.get(30, TimeUnit.SECONDS));
        List<LedgerEntry> expired = new ArrayList<>(mine.entries());
        expired.addAll(other.entries());
        assertEquals(1, expired.size(), () -> "expired " + expired);
        assertAmount("-100", expired.get(0).amount());
        assertAmount("0", f.balance("c1"));
        // The run that came second saw the first one's entries and says so.
        Outcome second = mine.entries().isEmpty() ? mine : other;
        assertEquals(List.of("ALREADY_EXPIRED"), second.notices().stream().map(n -> n.code()).toList());
    }

    @Test
    @Tag("SP-14")
    @Tag("X-13")
    @Tag("X-5")
    void cancel_expiryMeanwhile_pointsAreTakenBackOrExpiredNeverBoth() throws Exception {
        PointsFixtures f = agency();
        f.set("rate", "0.20", "expiryEnabled", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024, none in 2025
        f.on("2026-01-15");
        Future<Outcome> theirs = interleaving(f).once(Interleaving.Point.BEFORE_LOCK,
                () -> f.points.expireYear(f.admin(), new ExpireYear(2025)));
        Outcome cancel = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        Outcome expiry = applied(theirs.get(30, TimeUnit.SECONDS));
        // Cancelled first, the 100 points are taken back and nothing is left to expire; expired first, the
        // cancellation takes back nothing (they are gone). Either way they leave once.
        List<LedgerEntry> moved = new ArrayList<>(cancel.entries());
        moved.addAll(expiry.entries());
        assertEquals(1, moved.size(), () -> "moved " + moved);
        assertAmount("-100", moved.get(0).amount());
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-13")
    @Tag("X-5")
    void payWithPoints_earningOnAnotherBookingMeanwhile_pointsOfThisYearStayUnavailable() throws Exception {
        PointsFixtures f = agency();
        f.set("rate", "0.20", "paymentType", "SPAARPUNTEN", "directlyAvailable", "false",
                "paymentMaximumPercent", "100");
        f.on("2025-06-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100, spendable from 2026
        f.on("2026-02-01");
        Future<Outcome> theirs = interleaving(f).once(Interleaving.Point.BEFORE_LOCK,
                () -> f.book("B2", "c1", service("1", "TUI", "flight", "500.00"))); // 100 more, not spendable yet
        // In either order only the 100 points of 2025 are spendable: 150.00 takes 150.
        rejected(f.payWithPoints("B1", "150.00"), "INSUFFICIENT_POINTS");
        applied(theirs.get(30, TimeUnit.SECONDS));
        assertAmount("200", f.balance("c1"));
        assertTrue(f.points.booking(f.agency, PointsFixtures.READER, "B1").payments().isEmpty());
    }
}
