package org.loyaltyengine.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.applied;
import static org.loyaltyengine.testing.card.CardFixtures.line;
import static org.loyaltyengine.testing.card.CardFixtures.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.card.CardFixtures;

/**
 * The invariants of SPEC CC-5 and CC-8 over generated purchases. One engine serves every try (the
 * rules compile once); each try runs in a fresh practice (tenant).
 */
class CustomerCardPropertiesTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE)
            .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();

    /** A product of the generated practice: eligible or not, with an own percentage or the default 10%. */
    private static final String[][] PRODUCTS = {
            {"food", "true", null}, {"premium", "true", "15"}, {"treat", "true", "7.5"}, {"consult", "false", null}};

    record Purchase(int product, BigDecimal amount, int day) {
        BigDecimal expectedValue() {
            String[] p = PRODUCTS[product];
            if (!Boolean.parseBoolean(p[1])) {
                return BigDecimal.ZERO;
            }
            BigDecimal percent = new BigDecimal(p[2] == null ? "10" : p[2]);
            // Hand-written oracle of the policy: percentage of the line, half-up to cents, per line.
            return amount.multiply(percent).divide(new BigDecimal(100), 2, RoundingMode.HALF_UP);
        }
    }

    @Provide
    Arbitrary<List<Purchase>> purchases() {
        Arbitrary<Purchase> one = Combinators.combine(Arbitraries.integers().between(0, PRODUCTS.length - 1),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("250.00")).ofScale(2),
                Arbitraries.integers().between(0, 20)).as(Purchase::new);
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    private static CardFixtures practice(Integer minPurchases) {
        CardFixtures vet = new CardFixtures(ENGINE, STORE);
        vet.configure(new Configure(BigDecimal.TEN, null, minPurchases, null, null, false, null));
        for (String[] p : PRODUCTS) {
            vet.product(p[0], LocalDate.of(2020, 1, 1), Boolean.parseBoolean(p[1]), p[2]);
        }
        vet.enrolled("c1");
        return vet;
    }

    private static Sale saleOf(String doc, Purchase p) {
        return sale(doc, "c1", DAY.plusDays(p.day()), line("1", PRODUCTS[p.product()][0], "1", p.amount().toPlainString()));
    }

    /**
     * Buys in the given order, settling on the next purchase whenever the card is full and once more
     * at the end; checks conservation after every step and returns the total of all settlements.
     */
    private static BigDecimal totalDiscount(List<Purchase> order, int minPurchases) {
        CardFixtures vet = practice(minPurchases);
        BigDecimal settled = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        int n = 0;
        for (Purchase p : order) {
            Sale sale = saleOf("D" + (++n), p);
            if (vet.card("c1").full()) {
                Outcome o = applied(vet.cards.settle(vet.next(), new Settle(sale)));
                settled = settled.add(o.result(CardSettlementResult.class).orElseThrow().settlement());
            }
            applied(vet.lock(sale));
            expected = expected.add(p.expectedValue());
            assertEquals(0, expected.compareTo(settled.add(vet.card("c1").amount())),
                    () -> "conservation: settled + open == sum of line values");
        }
        if (vet.card("c1").amount().signum() > 0) {
            Outcome o = applied(vet.cards.settle(vet.next(), new Settle(sale("final", "c1", DAY))));
            settled = settled.add(o.result(CardSettlementResult.class).orElseThrow().settlement());
        }
        assertEquals(0, vet.card("c1").amount().signum());
        assertEquals(0, expected.compareTo(settled), () -> "all line values were settled");
        return settled;
    }

    @Property(tries = 15)
    @Tag("CC-8")
    void orderIndependence_anyPermutationGivesTheSameTotalDiscount(@ForAll("purchases") List<Purchase> purchases,
                                                                  @ForAll @IntRange(min = 1, max = 4) int minPurchases,
                                                                  @ForAll java.util.Random random) {
        List<Purchase> shuffled = new ArrayList<>(purchases);
        java.util.Collections.shuffle(shuffled, random);
        assertEquals(0, totalDiscount(purchases, minPurchases).compareTo(totalDiscount(shuffled, minPurchases)));
    }

    @Property(tries = 15)
    @Tag("CC-8")
    void conservation_settledPlusOpenIsTheSumOfLineValuesAtEveryStep(@ForAll("purchases") List<Purchase> purchases,
                                                                    @ForAll @IntRange(min = 1, max = 6) int minPurchases) {
        totalDiscount(purchases, minPurchases);
    }

    @Property(tries = 15)
    @Tag("CC-5")
    void lockUnlockRelock_anyInterleavingEqualsEachDocumentLockedOnceOrNot(
            @ForAll("purchases") List<Purchase> purchases,
            @ForAll @Size(max = 25) List<@IntRange(min = 0, max = 11) Integer> toggles) {
        CardFixtures vet = practice(null);
        Set<Integer> locked = new HashSet<>();
        for (int i = 0; i < purchases.size(); i++) {
            applied(vet.lock(saleOf("D" + i, purchases.get(i))));
            locked.add(i);
        }
        for (int t : toggles) {
            int doc = t % purchases.size();
            if (locked.remove(doc)) {
                applied(vet.unlock("D" + doc));
            } else {
                applied(vet.lock(saleOf("D" + doc, purchases.get(doc))));
                locked.add(doc);
            }
        }
        CardFixtures once = practice(null);
        BigDecimal expected = BigDecimal.ZERO;
        for (int i : locked) {
            applied(once.lock(saleOf("D" + i, purchases.get(i))));
            expected = expected.add(purchases.get(i).expectedValue());
        }
        CardStatus interleaved = vet.card("c1");
        CardStatus single = once.card("c1");
        assertEquals(0, expected.compareTo(interleaved.amount()));
        assertEquals(0, single.amount().compareTo(interleaved.amount()));
        assertEquals(Set.copyOf(single.lines()), Set.copyOf(interleaved.lines()));
        assertEquals(single.purchases(), interleaved.purchases());
        assertEquals(0, single.units().compareTo(interleaved.units()));
        assertEquals(single.visits(), interleaved.visits());
    }
}
