package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * A receipt is stored as a document in one format, spelled out here as a host's database holds it:
 * what the program writes is that format, and a receipt stored in it reads back and takes the next
 * command. The format is the stored data's, so it does not change with the code that reads it.
 */
@Tag("PC-2")
class PosReceiptFormatTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION);
    private static final TenantId SHOP = TenantId.of("shop");

    private final AtomicLong keys = new AtomicLong();
    private LoyaltyStore store;
    private PosCards pos;

    @BeforeEach
    void setUp() {
        store = new InMemoryStore();
        pos = LoyaltyEngine.builder().store(store).clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z")))
                .build().posCards();
        applied(pos.defineCard(next(), new Card("1001", "Jana", "Nováková", BigDecimal.TEN, false, false,
                Money.currency("CZK"))));
    }

    private CommandContext next() {
        return CommandContext.of(SHOP, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    private Document stored(String receipt) {
        return store.inTransaction(SHOP, tx -> tx.documents().find("pos-receipt", receipt)).orElseThrow();
    }

    @Test
    void receipt_isStoredWithTheAttributesItAlwaysHad() {
        applied(pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        Document opened = stored("R1");
        assertEquals("OPEN", opened.status());
        assertEquals(null, opened.owner());
        assertEquals(Map.of(), opened.attributes());
        assertEquals(DAY, opened.date());
        assertEquals("CZK", opened.currency());

        applied(pos.addItem(next(), AddItem.of("R1", "1", "bread", Money.of("20.00", "CZK"), "12")));
        applied(pos.identifyCard(next(), new IdentifyCard("R1", "1001", null)));
        applied(pos.addItem(next(), AddItem.of("R1", "2", "wine", Money.of("30.00", "CZK"), "21")));
        applied(pos.deleteItem(next(), new DeleteItem("R1", "1")));
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        applied(pos.pay(next(), new PayReceipt("R1")));

        Document paid = stored("R1");
        assertEquals("PAID", paid.status());
        assertEquals("1001", paid.owner());
        assertEquals(Map.of("card", "1001", "cardActive", "false", "cardMode", "DISCOUNT"), paid.attributes());
        assertEquals(List.of("1", "2"), paid.lines().stream().map(DocumentLine::lineId).toList());
        assertEquals(Map.of("discount", "0", "creditItem", "false", "vat", "12", "deleted", "true"),
                paid.lines().get(0).attributes());
        assertEquals(Map.of("discount", "3.00", "creditItem", "false", "vat", "21"), paid.lines().get(1).attributes());
        assertEquals("wine", paid.lines().get(1).product());
        assertEquals(0, BigDecimal.ONE.compareTo(paid.lines().get(1).quantity()));
        assertEquals(0, new BigDecimal("30.00").compareTo(paid.lines().get(1).amount()));
    }

    @Test
    void receipt_storedInTheFormatReadsBackAndTakesTheNextItem() {
        // As the program stored it: card 1001 identified in discount mode, one item with its discount,
        // and one deleted.
        store.inTransaction(SHOP, tx -> tx.documents().save(new Document("pos-receipt", "R7", "1001", "OPEN", DAY, "CZK",
                Map.of("card", "1001", "cardActive", "true", "cardMode", "DISCOUNT"), List.of(
                new DocumentLine("1", "bread", BigDecimal.ONE, new BigDecimal("20.00"),
                        Map.of("discount", "2.00", "creditItem", "false", "vat", "12")),
                new DocumentLine("2", "milk", BigDecimal.ONE, new BigDecimal("10.00"),
                        Map.of("discount", "1.00", "creditItem", "false", "vat", "12", "deleted", "true"))), 0)));

        ReceiptView read = pos.receipt(SHOP, "R7");
        assertEquals("1001", read.cardNumber());
        assertTrue(read.cardActive());
        assertEquals("DISCOUNT", read.cardMode());
        assertEquals(0, new BigDecimal("2.00").compareTo(read.items().get(0).discount()));
        assertFalse(read.items().get(0).deleted());
        assertTrue(read.items().get(1).deleted());
        assertEquals(0, new BigDecimal("18.00").compareTo(read.total()));

        assertEquals("5.00", applied(pos.addItem(next(), AddItem.of("R7", "3", "cheese", Money.of("50.00", "CZK"), "12")))
                .result(PosItemDiscount.class).orElseThrow().discount().toPlainString());
        Document after = stored("R7");
        assertEquals(Map.of("card", "1001", "cardActive", "true", "cardMode", "DISCOUNT"), after.attributes());
        assertEquals(Map.of("discount", "1.00", "creditItem", "false", "vat", "12", "deleted", "true"),
                after.lines().get(1).attributes());
        assertEquals(Map.of("discount", "5.00", "creditItem", "false", "vat", "12"), after.lines().get(2).attributes());
        assertEquals(0, new BigDecimal("63.00").compareTo(pos.receipt(SHOP, "R7").total()));
    }

    @Test
    void receipt_withAnItemSpelledOtherwise_isWrittenBackInTheFormat() {
        // An item as a host's own import might have stored it: no credit-item flag, "deleted" spelled out as
        // false, and an attribute the program does not know. It reads as an ordinary item and, left as it is by
        // the next command, is saved in the program's own spelling.
        store.inTransaction(SHOP, tx -> tx.documents().save(new Document("pos-receipt", "R8", null, "OPEN", DAY, "CZK",
                Map.of(), List.of(new DocumentLine("1", "bread", BigDecimal.ONE, new BigDecimal("20.00"),
                        Map.of("discount", "0", "vat", "12", "deleted", "false", "shelf", "A4"))), 0)));

        applied(pos.addItem(next(), AddItem.of("R8", "2", "milk", Money.of("10.00", "CZK"), "12")));

        Document after = stored("R8");
        assertEquals(Map.of("discount", "0", "creditItem", "false", "vat", "12"), after.lines().get(0).attributes());
        assertEquals(Map.of("discount", "0", "creditItem", "false", "vat", "12"), after.lines().get(1).attributes());
    }
}
