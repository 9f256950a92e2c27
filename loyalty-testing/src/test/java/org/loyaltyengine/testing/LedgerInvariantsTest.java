package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The ledger checks a host's property suite relies on pass on what the engine writes and fail on what
 * it must never write: an outcome reporting other entries than the ledger got, a rejection that wrote,
 * an entry changed afterwards, a balance that is not its ledger's sum (SPEC X-3).
 */
@Tag("X-3")
class LedgerInvariantsTest {
    private final InMemoryStore store = new InMemoryStore();
    private final LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
            .clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build();
    private final TenantId shop = TenantId.of("invariants");
    private final Actor manager = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private final Card card = new Card("C", "Eva", "Malá", BigDecimal.ZERO, true, true, Money.currency("CZK"));
    private final AccountKey account = PosCards.accountOf(card);
    private int keys;

    private CommandContext next() {
        return CommandContext.of(shop, manager, "k" + ++keys, LocalDate.of(2026, 3, 14));
    }

    /** A card with 100.00 of credit and a paid receipt that drew 40.00 of it: one top-up, one capture. */
    private Outcome payOnCredit() {
        PosCards pos = engine.posCards();
        pos.defineCard(next(), card);
        pos.changeCredit(next(), new ChangeCredit("C", Money.of("100.00", "CZK"), "deposit"));
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.identifyCard(next(), new IdentifyCard("R1", "C", null));
        pos.addItem(next(), AddItem.of("R1", "1", "coffee", Money.of("40.00", "CZK"), "21"));
        return pos.pay(next(), new PayReceipt("R1"));
    }

    @Test
    void whatTheEngineWrites_passesEveryCheck() {
        List<LedgerEntry> before = LedgerInvariants.ledger(store, shop, account);
        Outcome paid = payOnCredit();
        List<LedgerEntry> after = LedgerInvariants.ledger(store, shop, account);
        List<LedgerEntry> written = LedgerInvariants.written(before, after, "pay");
        assertEquals(2, written.size(), written::toString); // the manual change and the capture
        Outcome again = engine.posCards().pay(next(), new PayReceipt("R1"));
        assertDoesNotThrow(() -> {
            LedgerInvariants.assertWroteWhatItReports(paid, written.subList(1, 2), "pay");
            LedgerInvariants.assertWroteWhatItReports(again, List.of(), "pay again");
            LedgerInvariants.assertBalanced(store, shop, account, after, "after");
        });
        assertEquals(0, new BigDecimal("40.00").compareTo(LedgerInvariants.assertHoldsOfDocument(store, shop, "R1",
                after, "R1")));
        assertEquals(0, new BigDecimal("-40.00").compareTo(LedgerInvariants.sum(after, EntryKind.CAPTURE)));
        assertEquals(0, new BigDecimal("60.00").compareTo(LedgerInvariants.sum(after)));
    }

    @Test
    void anOutcomeReportingOtherEntriesThanWritten_fails() {
        Outcome paid = payOnCredit();
        List<LedgerEntry> ledger = LedgerInvariants.ledger(store, shop, account);
        // Written: the capture. Claimed as written besides: the earlier manual change.
        assertThrows(AssertionError.class, () -> LedgerInvariants.assertWroteWhatItReports(paid, ledger, "pay"));
        assertThrows(AssertionError.class, () -> LedgerInvariants.assertWroteWhatItReports(paid, List.of(), "pay"));
    }

    @Test
    void aRejectionThatWrote_fails() {
        payOnCredit();
        Outcome refused = engine.posCards().pay(next(), new PayReceipt("R1"));
        assertEquals(true, refused.rejected(), refused::toString);
        List<LedgerEntry> ledger = LedgerInvariants.ledger(store, shop, account);
        assertThrows(AssertionError.class, () -> LedgerInvariants.assertWroteWhatItReports(refused,
                ledger.subList(0, 1), "pay again"));
    }

    @Test
    void anEntryChangedOrGoneAfterwards_fails() {
        payOnCredit();
        List<LedgerEntry> ledger = LedgerInvariants.ledger(store, shop, account);
        LedgerEntry first = ledger.get(0);
        LedgerEntry changed = new LedgerEntry(first.sequence(), first.account(), first.kind(),
                first.amount().add(BigDecimal.ONE), first.document(), first.line(), first.businessDate(),
                first.recordedAt(), first.actor(), first.note(), first.idempotencyKey(), first.rule(), first.holdId());
        assertThrows(AssertionError.class, () -> LedgerInvariants.written(ledger, List.of(changed, ledger.get(1)), "x"));
        assertThrows(AssertionError.class, () -> LedgerInvariants.written(ledger, ledger.subList(1, 2), "x"));
    }

    @Test
    void aBalanceThatIsNotItsLedgersSum_fails() {
        payOnCredit();
        List<LedgerEntry> ledger = LedgerInvariants.ledger(store, shop, account);
        assertThrows(AssertionError.class, () -> LedgerInvariants.assertBalanced(store, shop, account,
                ledger.subList(0, 1), "half the ledger"));
        assertThrows(AssertionError.class, () -> LedgerInvariants.assertHoldsOfDocument(store, shop, "R1",
                ledger.subList(0, 1), "no capture entry"));
    }
}
