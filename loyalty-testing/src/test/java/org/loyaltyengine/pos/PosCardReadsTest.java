package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.CountingStore;
import org.loyaltyengine.testing.MutableClock;

/**
 * One item added to a receipt with a card reads each row it decides on once: the receipt, the card,
 * the card's account, the settings and each earlier item's reservation (it used to read its
 * receipt three times and its card twice, and a store had to keep each first read to make the later
 * ones agree).
 */
class PosCardReadsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private static final TenantId SHOP = TenantId.of("shop");

    private final AtomicLong keys = new AtomicLong();
    private CountingStore store;
    private PosCards pos;

    @BeforeEach
    void setUp() {
        store = new CountingStore(new InMemoryStore());
        pos = LoyaltyEngine.builder().store(store).clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z")))
                .build().posCards();
    }

    private CommandContext next() {
        return CommandContext.of(SHOP, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    @Test
    @Tag("PC-5")
    void addItem_inCreditMode_readsReceiptCardAccountSettingsAndEachReservationOnce() {
        Card card = new Card("2001", "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        applied(pos.defineCard(next(), card));
        applied(pos.changeCredit(next(), new ChangeCredit("2001", Money.of("100.00", "CZK"), "deposit")));
        applied(pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        applied(pos.identifyCard(next(), new IdentifyCard("R1", "2001", null)));
        String earlier = applied(pos.addItem(next(), AddItem.of("R1", "1", "wine", Money.of("30.00", "CZK"), "21")))
                .holds().get(0).holdId();

        store.reset();
        Outcome item = applied(pos.addItem(next(), AddItem.of("R1", "2", "cake", Money.of("20.00", "CZK"), "15")));
        Map<String, Integer> reads = store.reads();
        Map<String, Integer> deciding = store.readsBeforeFirstWrite();

        assertEquals(1, item.holds().size(), "the item reserved its price");
        String account = "account pos-card/card:2001/currency:CZK";
        assertEquals(1, reads.get("document pos-receipt/R1"), reads::toString);
        assertEquals(1, reads.get("card 2001"), reads::toString);
        assertEquals(1, reads.get("settings pos-card"), reads::toString);
        assertEquals(1, reads.get("hold " + earlier), reads::toString);
        assertEquals(1, deciding.get(account), deciding::toString);
        assertEachReadOnce(reads, deciding, account);
    }

    @Test
    @Tag("PC-3")
    void addItem_inDiscountMode_readsReceiptCardAccountAndSettingsOnce() {
        Card card = new Card("1001", "Jana", "Nováková", BigDecimal.TEN, false, false, Money.currency("CZK"));
        applied(pos.defineCard(next(), card));
        applied(pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        applied(pos.identifyCard(next(), new IdentifyCard("R1", "1001", null)));
        applied(pos.addItem(next(), AddItem.of("R1", "1", "wine", Money.of("30.00", "CZK"), "21")));

        store.reset();
        Outcome item = applied(pos.addItem(next(), AddItem.of("R1", "2", "cake", Money.of("20.00", "CZK"), "15")));
        Map<String, Integer> reads = store.reads();
        Map<String, Integer> deciding = store.readsBeforeFirstWrite();

        assertEquals("2.00", item.result(PosItemDiscount.class).orElseThrow().discount().toPlainString());
        String account = "account pos-card/card:1001/currency:CZK";
        assertEquals(1, reads.get("document pos-receipt/R1"), reads::toString);
        assertEquals(1, reads.get("card 1001"), reads::toString);
        assertEquals(1, deciding.get(account), deciding::toString);
        assertEachReadOnce(reads, deciding, account);
    }

    /**
     * No row read twice. The one read after the writes is the pipeline's of the card's account, for
     * the balance the outcome reports: it reads what this transaction wrote, not what it decided on.
     */
    private static void assertEachReadOnce(Map<String, Integer> reads, Map<String, Integer> deciding, String account) {
        deciding.forEach((row, n) -> assertEquals(1, n, () -> row + " read " + n + " times: " + deciding));
        reads.forEach((row, n) -> assertTrue(n == 1 || row.equals(account) && n == 2,
                () -> row + " read " + n + " times: " + reads));
    }
}
