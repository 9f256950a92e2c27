package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;
import static org.loyaltyengine.testing.points.PointsFixtures.assertAmount;
import static org.loyaltyengine.testing.points.PointsFixtures.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * A booking's points figures are its own entries on its customer's points account: a document of another
 * program with the same id in the same tenant (the practice's card sale "B1" beside the agency's booking
 * "B1") leaves them alone.
 */
class SavingsPointsOtherProgramsTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE)
            .clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build();
    private static final Actor OWNER = Actor.of("owner", "customer-card.settings", "customer-card.catalogue");

    @Test
    @Tag("SP-16")
    @Tag("SP-6")
    void booking_cardSaleOfTheSameIdAndCustomer_countsOnlyTheBookingsPoints() {
        PointsFixtures f = new PointsFixtures(ENGINE, STORE);
        f.customer("c1");
        f.supplier(Supplier.enabled("TUI"));
        f.set("rate", "0.20", "recalculateOnPriceChange", "true");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"))); // 20 points on line 1

        CustomerCards cards = ENGINE.customerCards();
        applied(cards.configure(f.as(OWNER), CardRequests.Configure.percent("10")));
        applied(cards.defineProduct(f.as(OWNER), new CardRequests.DefineProduct("food", LocalDate.of(2020, 1, 1),
                true, null)));
        applied(cards.enrol(f.clerk(), new CardRequests.Enrol("c1")));
        Outcome sale = applied(cards.lock(f.clerk(), new CardRequests.Sale("B1", "c1", f.day, Money.currency("EUR"),
                List.of(new CardRequests.SaleLine("1", "food", BigDecimal.ONE, Money.of("300.00", "EUR"))))));
        assertEquals(1, sale.entries().size(), () -> "the card sale earned " + sale.entries());
        assertEquals(List.of("B1", "1"), List.of(sale.entries().get(0).document(), sale.entries().get(0).line()));

        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("20", b.earnedPoints());
        assertAmount("20", b.lines().get(0).points());
        // 150.00 x 0.20 = 30: the line held 20, so 10 more; the card's 30.00 on its line 1 is not the booking's.
        Outcome raise = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", PointsFixtures.eur("150.00"))));
        assertEquals(1, raise.entries().size());
        assertAmount("10", raise.entries().get(0).amount());
        assertAmount("30", f.balance("c1"));
    }
}
