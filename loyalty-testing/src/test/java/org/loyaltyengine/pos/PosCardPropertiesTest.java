package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * For any sequence of POS operations on a credit card (top-ups through receipts and by hand, items
 * added and deleted, receipts paid and abandoned, deductions), after every step: the credit is the
 * sum of its movements and never below zero, held + available == credit, what is held is exactly the
 * live reservations of open receipts, and a rejected command changed nothing.
 */
class PosCardPropertiesTest {
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().build();
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    enum Kind { TOP_UP_RECEIPT, MANUAL_TOP_UP, MANUAL_DEDUCTION, ADD_ITEM, DELETE_ITEM, PAY, ABANDON, OPEN }

    record Op(Kind kind, int receipt, int line, int cents) {
    }

    @Provide
    Arbitrary<Op> op() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 6000)).as(Op::new);
    }

    @Property(tries = 60)
    @Tag("PC-5")
    @Tag("PC-7")
    @Tag("X-3")
    @Tag("X-5")
    void anySequence_keepsCreditHeldAndAvailableConsistent(@ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("op") Op> ops) {
        TenantId shop = TenantId.of("p-" + UUID.randomUUID().toString().substring(0, 12));
        AtomicLong keys = new AtomicLong();
        PosCards pos = ENGINE.posCards();
        java.util.function.Supplier<CommandContext> next = () -> CommandContext.of(shop, Actor.of("cashier",
                PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION),
                "k" + keys.incrementAndGet(), DAY);
        pos.defineCard(next.get(), new Card("C", "A", "B", BigDecimal.ZERO, true, true, Money.currency("CZK")));
        String[] receipts = new String[3];
        int opened = 0;
        for (Op op : ops) {
            if (receipts[op.receipt()] == null || op.kind() == Kind.OPEN) {
                String id = "R" + (++opened);
                pos.openReceipt(next.get(), new OpenReceipt(id, Money.currency("CZK")));
                pos.identifyCard(next.get(), new IdentifyCard(id, "C", null));
                receipts[op.receipt()] = id;
                if (op.kind() == Kind.OPEN) {
                    continue;
                }
            }
            String receipt = receipts[op.receipt()];
            Money amount = Money.of(BigDecimal.valueOf(op.cents(), 2), "CZK");
            CardStatement before = pos.statement(shop, "C");
            ReceiptView receiptBefore = pos.receipt(shop, receipt);
            Outcome o;
            try {
                o = switch (op.kind()) {
                    case TOP_UP_RECEIPT -> {
                        String id = "T" + (++opened);
                        pos.openReceipt(next.get(), new OpenReceipt(id, Money.currency("CZK")));
                        pos.identifyCard(next.get(), new IdentifyCard(id, "C", null));
                        pos.addItem(next.get(), AddItem.topUp(id, "1", amount));
                        before = pos.statement(shop, "C");
                        receipt = id;
                        receiptBefore = pos.receipt(shop, id);
                        yield pos.pay(next.get(), new PayReceipt(id));
                    }
                    case MANUAL_TOP_UP -> pos.changeCredit(next.get(), new ChangeCredit("C", amount, "top-up"));
                    case MANUAL_DEDUCTION -> pos.changeCredit(next.get(), new ChangeCredit("C", amount.negate(), "deduction"));
                    case ADD_ITEM -> pos.addItem(next.get(), AddItem.of(receipt, "l" + keys.get(), "item", amount, "21"));
                    case DELETE_ITEM -> {
                        List<ReceiptView.Item> items = receiptBefore.items();
                        yield items.isEmpty() ? null
                                : pos.deleteItem(next.get(), new DeleteItem(receipt, items.get(op.line() % items.size()).lineId()));
                    }
                    case PAY -> pos.pay(next.get(), new PayReceipt(receipt));
                    case ABANDON -> pos.abandon(next.get(), new AbandonReceipt(receipt));
                    case OPEN -> throw new IllegalStateException("handled above");
                };
            } finally {
                if (op.kind() == Kind.PAY || op.kind() == Kind.ABANDON) {
                    receipts[op.receipt()] = null;
                }
            }
            CardStatement after = pos.statement(shop, "C");
            if (o != null && o.rejected()) {
                assertEquals(before, after, () -> "rejected " + op + " changed the card");
                assertEquals(receiptBefore, pos.receipt(shop, receipt), () -> "rejected " + op + " changed the receipt");
            }
            assertInvariants(pos, shop, after, opened);
        }
    }

    private static void assertInvariants(PosCards pos, TenantId shop, CardStatement s, int receipts) {
        BigDecimal sum = s.movements().stream().filter(CardMovement::changesCredit).map(CardMovement::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(s.credit()), "credit == sum of movements");
        assertTrue(s.credit().signum() >= 0, "credit never below zero");
        assertTrue(s.available().signum() >= 0, "available never below zero");
        assertEquals(0, s.held().add(s.available()).compareTo(s.credit()), "held + available == credit");
        List<ReceiptView> all = new ArrayList<>();
        for (int i = 1; i <= receipts; i++) {
            for (String prefix : List.of("R", "T")) {
                try {
                    all.add(pos.receipt(shop, prefix + i));
                } catch (org.loyaltyengine.NoSuchEntityException absent) {
                    // ids are shared between item and top-up receipts; only one of each number exists
                }
            }
        }
        BigDecimal live = all.stream().filter(r -> r.status().equals("OPEN")).flatMap(r -> r.items().stream())
                .filter(i -> !i.deleted() && i.holdId() != null).map(ReceiptView.Item::price)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, live.compareTo(s.held()), "held == the live reservations of open receipts");
    }
}
