package org.loyaltyengine.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.card.CardArbitraries;
import org.loyaltyengine.testing.card.CardFixtures;
import org.loyaltyengine.testing.points.PointsArbitraries;
import org.loyaltyengine.testing.points.PointsFixtures;
import org.loyaltyengine.testing.pos.PosArbitraries;

/**
 * A host's property suite as loyalty-testing means it to be written: commands from the generators of
 * each program, run on a store, and {@link LedgerInvariants} after every one of them (SPEC X-3). The
 * store here is the in-memory one; a host passes its own.
 */
class GeneratedCommandsPropertiesTest {
    private static final LoyaltyStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE)
            .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    /** Runs one command on a tenant's account and checks the ledger invariants on what it did. */
    private static Outcome step(TenantId tenant, AccountKey account, String step, Supplier<Outcome> command) {
        List<LedgerEntry> before = LedgerInvariants.ledger(STORE, tenant, account);
        Outcome o = command.get();
        List<LedgerEntry> after = LedgerInvariants.ledger(STORE, tenant, account);
        LedgerInvariants.assertWroteWhatItReports(o, LedgerInvariants.written(before, after, step), step);
        LedgerInvariants.assertBalanced(STORE, tenant, account, after, step);
        return o;
    }

    @Provide
    Arbitrary<AddItem> items() {
        return PosArbitraries.items("R1", "1");
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    @Tag("X-3")
    @Tag("PC-5")
    void posItemsOnCredit_keepTheLedgerInvariants(@ForAll("cards") Card generated,
            @ForAll("deposits") BigDecimal deposit, @ForAll @Size(min = 1, max = 6) List<@From("items") AddItem> items) {
        TenantId shop = TenantId.of("gen-pos-" + UUID.randomUUID().toString().substring(0, 12));
        Actor manager = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
        int[] keys = {0};
        Supplier<CommandContext> next = () -> CommandContext.of(shop, manager, "k" + ++keys[0], DAY);
        PosCards pos = ENGINE.posCards();
        AccountKey account = PosCards.accountOf(generated);
        step(shop, account, "define", () -> pos.defineCard(next.get(), generated));
        if (generated.creditDrawing()) {
            step(shop, account, "deposit", () -> pos.changeCredit(next.get(), new ChangeCredit(generated.number(),
                    Money.of(deposit, "CZK"), "deposit")));
        }
        step(shop, account, "open", () -> pos.openReceipt(next.get(), new OpenReceipt("R1", Money.currency("CZK"))));
        step(shop, account, "identify", () -> pos.identifyCard(next.get(), new IdentifyCard("R1", generated.number(),
                null)));
        int line = 0;
        for (AddItem item : items) {
            AddItem numbered = new AddItem(item.receiptId(), Integer.toString(++line), item.product(), item.price(),
                    item.creditItem(), item.vatPercent(), item.manualDiscountPercent());
            step(shop, account, "add " + numbered, () -> pos.addItem(next.get(), numbered));
        }
        step(shop, account, "pay", () -> pos.pay(next.get(), new PayReceipt("R1")));
        LedgerInvariants.assertHoldsOfDocument(STORE, shop, "R1", LedgerInvariants.ledger(STORE, shop, account), "paid");
    }

    @Provide
    Arbitrary<Card> cards() {
        return PosArbitraries.cards("C1");
    }

    @Provide
    Arbitrary<BigDecimal> deposits() {
        return PosArbitraries.deposits();
    }

    @Provide
    Arbitrary<Booking> bookings() {
        return PointsArbitraries.bookings("B", "c1", "TUI");
    }

    @Provide
    Arbitrary<Money> payments() {
        return PointsArbitraries.payments();
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    @Tag("X-3")
    @Tag("SP-6")
    void pointsBookingsAndPayments_keepTheLedgerInvariants(@ForAll("rates") String rate,
            @ForAll @Size(min = 1, max = 4) List<@From("bookings") Booking> bookings,
            @ForAll @Size(min = 1, max = 4) List<@From("payments") Money> payments) {
        PointsFixtures f = new PointsFixtures(ENGINE, STORE);
        f.customer("c1");
        f.supplier(org.loyaltyengine.points.PointsRequests.Supplier.enabled("TUI"));
        f.set("rate", rate, "paymentType", "SPAARPUNTEN", "directlyAvailable", "true");
        AccountKey account = SavingsPoints.accountOf("c1");
        for (int i = 0; i < bookings.size(); i++) {
            Booking b = bookings.get(i);
            Booking numbered = new Booking(b.bookingId() + i, b.customerId(), b.services());
            step(f.agency, account, "book " + numbered, () -> f.points.book(f.clerk(), numbered));
            Money pay = payments.get(i % payments.size());
            step(f.agency, account, "pay " + pay + " on " + numbered.bookingId(),
                    () -> f.points.payWithPoints(f.clerk(), new PointsPayment(numbered.bookingId(), pay)));
        }
    }

    @Provide
    Arbitrary<String> rates() {
        return PointsArbitraries.rates();
    }

    @Provide
    Arbitrary<Sale> sales() {
        return CardArbitraries.sales("D", "c1", DAY, "food", "consult");
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    @Tag("X-3")
    @Tag("CC-8")
    void cardSalesLockedAndSettled_keepTheLedgerInvariants(@ForAll @Size(min = 1, max = 4) List<@From("sales") Sale> sales) {
        CardFixtures vet = new CardFixtures(ENGINE, STORE);
        vet.configure(new Configure(BigDecimal.TEN, null, null, null, null, false, null));
        vet.product("food", LocalDate.of(2020, 1, 1), true, "10");
        vet.product("consult", LocalDate.of(2020, 1, 1), false, null);
        vet.enrolled("c1");
        AccountKey account = CustomerCards.accountOf("c1", "EUR");
        for (int i = 0; i < sales.size(); i++) {
            Sale s = sales.get(i);
            Sale numbered = new Sale(s.documentId() + i, s.customerId(), s.date(), s.currency(), s.lines());
            step(vet.practice, account, "lock " + numbered, () -> vet.lock(numbered));
        }
        Sale last = sales.get(sales.size() - 1);
        Sale settling = new Sale("S", last.customerId(), last.date(), last.currency(), last.lines());
        step(vet.practice, account, "settle " + settling, () -> vet.cards.settle(vet.next(), new Settle(settling)));
    }
}
