package org.loyaltyengine.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.CreditNote;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.SourceDocument;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The case the credits properties shrank to: work gone into a negative balance, settled by the next lot, then
 * credited. Before, the credit note put the 3 hours back on the overdraft account, which then held credits (+3)
 * beside the lot (7): the portfolio's remaining was 10, but only 7 were deferred revenue and the 3 the lot settled
 * stayed recognised although the work was given back. Now the part beyond what is still owed goes back to the
 * lot that settled it: 10 on the lot, nothing recognised, 700.00 deferred.
 */
class CreditNoteAfterSettlementTest {
    private static final TenantId T = TenantId.of("settled-then-credited");
    private static final Actor OFFICE = Actor.of("office", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
            Credits.SETTINGS_PERMISSION);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private int keys;

    @Test
    @Tag("CR-5")
    @Tag("CR-8")
    @Tag("X-13")
    void creditNote_ofOverdrawnWorkSettledSince_givesTheSettledPartBackToTheLot() {
        Credits credits = LoyaltyEngine.builder().store(new InMemoryStore()).build().credits();
        assertTrue(credits.defineType(ctx(), new DefineType("HOUR", "Hour", "hour", Counting.FRACTIONAL,
                Money.of("80.00", "EUR"))).applied());
        assertTrue(credits.configure(ctx(), new Configure(false, true)).applied());
        assertTrue(credits.useCredits(ctx(), new UseCredits("C1", true)).applied());
        SourceDocument f1 = new SourceDocument(Source.INVOICE, "F1");
        assertTrue(credits.consume(ctx(), new Consume("C1", f1, List.of(WorkLine.of("1", "HOUR", "3", "repair")),
                null)).applied());
        assertTrue(credits.sell(ctx(), new Sell("S1", "C1", List.of(new SaleLine("1", "HOUR", new BigDecimal("10"),
                Money.of("70.00", "EUR"), null)))).applied());
        assertTrue(credits.confirmSale(ctx(), new ConfirmSale("S1")).applied());
        // The lot settled the 3 owed: 7 left on it.
        assertEquals(0, new BigDecimal("7").compareTo(credits.portfolio(T, "C1", DAY).lots().get(0).remaining()));

        Outcome note = credits.creditNote(ctx(), new CreditNote("CN1", "C1", f1, List.of("1")));

        assertTrue(note.applied(), () -> note.reasonCodes().toString());
        Portfolio p = credits.portfolio(T, "C1", DAY);
        assertEquals(0, new BigDecimal("10").compareTo(p.remaining("HOUR")), p::toString);
        assertEquals(0, p.holding("HOUR").orElseThrow().consumed().signum(), p::toString);
        // All 10 on the lot: its settlement given back, as if the work had never been.
        assertEquals(0, new BigDecimal("10").compareTo(p.lots().get(0).remaining()), p::toString);
        assertEquals(0, p.lots().get(0).consumed().signum(), p::toString);
        // 10 x 70.00 sold, 3 x 70.00 recognised by the settlement and taken back by the note: 700.00 deferred.
        RevenueReport.Row march = credits.revenue(T, YearMonth.of(2026, 3), YearMonth.of(2026, 3)).rows().get(0);
        assertEquals(0, new BigDecimal("700.00").compareTo(march.sold()), march::toString);
        assertEquals(0, march.recognised().signum(), march::toString);
        assertEquals(0, new BigDecimal("700.00").compareTo(march.closingDeferred()), march::toString);
    }

    private CommandContext ctx() {
        return CommandContext.of(T, OFFICE, "k" + (++keys), DAY);
    }
}
