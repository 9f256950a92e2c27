package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.CreditNote;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.rules.facts.CreditReturned;
import org.loyaltyengine.rules.facts.CreditSaleMoved;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Returns and cancellations of the credits program (SPEC X-13): a credit note on a consuming document gives the
 * credits its lines took back to the lots they came from, once; a second credit note of the same line is refused
 * ({@code ALREADY_CREDITED}) and changes nothing; a sale any of whose credits were used cannot be cancelled.
 * Abstract so that every store runs it.
 */
public abstract class CreditReturnsContract extends CreditsContractBase {
    private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);
    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);
    private static final LocalDate FEB_5 = LocalDate.of(2026, 2, 5);
    private static final LocalDate FEB_6 = LocalDate.of(2026, 2, 6);

    private Outcome creditNote(LocalDate date, String id, String customer, String document, String... lines) {
        return credits.creditNote(on(date), new CreditNote(id, customer, doc(Source.INVOICE, document),
                List.of(lines)));
    }

    private void twoLotsAndInvoiceF1() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(LocalDate.of(2026, 1, 10), "S1", "C1", lot("1", "HOUR", "4", "70.00", null));
        sellConfirmed(LocalDate.of(2026, 1, 12), "S2", "C1", lot("1", "HOUR", "4", "75.00", null));
        // Line 1: 6 hours = all 4 of S1/1 and 2 of S2/1; line 2: 1 more of S2/1.
        Outcome f1 = applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "6", "project"),
                work("2", "HOUR", "1", "travel")));
        assertDraws(answer(f1), "1", "S1/1", "4", "S2/1", "2");
        assertDraws(answer(f1), "2", "S2/1", "1");
    }

    @Test
    @Tag("X-13")
    @Tag("CR-8")
    void aCreditNote_givesTheCreditsBackToTheLotsTheyCameFrom_once() {
        twoLotsAndInvoiceF1();
        Outcome cn1 = applied(creditNote(FEB_5, "CN-1", "C1", "F-1", "1"));
        CreditReturned returned = cn1.result(CreditReturned.class).orElseThrow();
        assertAmount("6", returned.returnedOf("1"));
        assertAmount("0", returned.returnedOf("2"));
        assertEquals(2, cn1.entries().size());
        for (LedgerEntry e : cn1.entries()) {
            assertEquals(EntryKind.REVERSE, e.kind());
            assertEquals("credit-note:CN-1", e.document());
            assertEquals("1", e.line());
        }
        Portfolio p = portfolio("C1", FEB_5);
        // Back where they came from: S1/1 has its 4 again, S2/1 1 + 2 = 3; only line 2's hour stays consumed.
        assertAmount("4", lotOf(p, "S1/1").remaining());
        assertAmount("3", lotOf(p, "S2/1").remaining());
        assertHolding(p, "HOUR", "8", "0", "1", "0", "7");
        // On the day of the invoice it read as it was then.
        assertHolding(portfolio("C1", FEB_1), "HOUR", "8", "0", "7", "0", "1");

        // Once: a second credit note of the line, and the first one again under a new key, give nothing back.
        TenantSnapshot before = snapshot();
        Outcome again = rejected(creditNote(FEB_6, "CN-2", "C1", "F-1", "1"), "ALREADY_CREDITED");
        assertTrue(again.rejections().get(0).message().contains("CN-1"), again.rejections().toString());
        rejected(creditNote(FEB_6, "CN-1", "C1", "F-1", "1"), "ALREADY_CREDITED");
        rejected(creditNote(FEB_6, "CN-3", "C1", "F-1", "1", "2"), "ALREADY_CREDITED");
        assertEquals(before.parts(), snapshot().parts());
        assertHolding(portfolio("C1", FEB_6), "HOUR", "8", "0", "1", "0", "7");

        // The usage report names the credit note, and its totals leave the credited line out.
        UsageReport usage = credits.usage(tenant, "C1", ReportPeriod.month(YearMonth.of(2026, 2)));
        assertEquals("CN-1", usage.rows().get(0).creditedBy());
        assertEquals(null, usage.rows().get(1).creditedBy());
        assertAmount("1", usage.totals().get(0).covered());

        // Line 2 is credited on its own, once.
        applied(creditNote(FEB_6, "CN-4", "C1", "F-1", "2"));
        assertHolding(portfolio("C1", FEB_6), "HOUR", "8", "0", "0", "0", "8");
        assertAmount("4", lotOf(portfolio("C1", FEB_6), "S2/1").remaining());

        // Revenue in February: 4 x 70.00 + 3 x 75.00 = 505.00 recognised, then given back 280.00 + 150.00 and
        // 75.00: net 0; all of 280.00 + 300.00 = 580.00 sold in January is deferred again.
        RevenueReport.Row feb = credits.revenue(tenant, YearMonth.of(2026, 2), YearMonth.of(2026, 2)).rows().get(0);
        assertAmount("580.00", feb.openingDeferred());
        assertAmount("0", feb.recognised());
        assertAmount("580.00", feb.closingDeferred());

        // Work after it draws first in, first out again: S1/1 first.
        assertDraws(answer(applied(consume(FEB_6, "C1", doc(Source.INVOICE, "F-2"), work("1", "HOUR", "5", null)))),
                "1", "S1/1", "4", "S2/1", "1");
    }

    @Test
    @Tag("X-13")
    @Tag("CR-5")
    void aCreditNote_givesBackWhatWentIntoANegativeBalance_too() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        applied(credits.configure(on(JAN_5), new Configure(false, true)));
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "2", "70.00", null));
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "5", null)));
        assertHolding(portfolio("C1", FEB_1), "HOUR", "2", "0", "5", "0", "-3");

        Outcome cn = applied(creditNote(FEB_5, "CN-1", "C1", "F-1", "1"));
        // 2 back to the lot, 3 back to the negative balance.
        assertAmount("5", cn.result(CreditReturned.class).orElseThrow().returnedOf("1"));
        assertHolding(portfolio("C1", FEB_5), "HOUR", "2", "0", "0", "0", "2");
    }

    /**
     * The overdrawn part of a line, once a later lot settled it, came from that lot: a credit note gives it back
     * there, so the lot is whole again, the negative balance stays settled (not above zero), and the revenue the
     * settlement recognised is taken back.
     */
    @Test
    @Tag("X-13")
    @Tag("CR-5")
    @Tag("CR-8")
    void aCreditNoteOnWorkALaterLotSettled_givesTheSettledCreditsBackToThatLot() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        applied(credits.configure(on(JAN_5), new Configure(false, true)));
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "2", "70.00", null));
        // 2 of S1/1, 3 into the negative balance; S2/1 (10 at 72.00) settles the 3 when confirmed: 7 left of it.
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "5", null)));
        sellConfirmed(LocalDate.of(2026, 2, 10), "S2", "C1", lot("1", "HOUR", "10", "72.00", null));
        assertAmount("7", lotOf(portfolio("C1", LocalDate.of(2026, 2, 10)), "S2/1").remaining());

        LocalDate feb15 = LocalDate.of(2026, 2, 15);
        Outcome cn = applied(creditNote(feb15, "CN-1", "C1", "F-1", "1"));
        assertAmount("5", cn.result(CreditReturned.class).orElseThrow().returnedOf("1"));
        Portfolio p = portfolio("C1", feb15);
        // Nothing stays consumed: S1/1 has its 2 again, S2/1 its 10, 12 in all.
        assertHolding(p, "HOUR", "12", "0", "0", "0", "12");
        assertAmount("2", lotOf(p, "S1/1").remaining());
        assertAmount("10", lotOf(p, "S2/1").remaining());
        assertAmount("0", lotOf(p, "S2/1").consumed());

        // February: opening 2 x 70.00 = 140.00, sold 720.00; recognised 2 x 70.00 + 3 x 72.00 = 356.00 and given
        // back 140.00 + 216.00: 0; closing 140.00 + 720.00 = 860.00.
        RevenueReport.Row feb = credits.revenue(tenant, YearMonth.of(2026, 2), YearMonth.of(2026, 2)).rows().get(0);
        assertAmount("140.00", feb.openingDeferred());
        assertAmount("720.00", feb.sold());
        assertAmount("0", feb.recognised());
        assertAmount("860.00", feb.closingDeferred());

        // Every credit of S2 unused again: it can be cancelled, and nothing is owed.
        applied(credits.cancelSale(on(feb15), new CancelSale("S2")));
        assertHolding(portfolio("C1", feb15), "HOUR", "2", "0", "0", "0", "2");
        // Work now draws S1/1 and then goes negative again, from zero.
        CreditWorkAnswer again = answer(applied(consume(feb15, "C1", doc(Source.INVOICE, "F-2"),
                work("1", "HOUR", "3", null))));
        assertDraws(again, "1", "S1/1", "2");
        assertAmount("1", again.overdrawn().get("1"));
        assertHolding(portfolio("C1", feb15), "HOUR", "2", "0", "3", "0", "-1");
    }

    /**
     * Two sales of one day confirmed in the other order than they were sold: the one confirmed last settled last,
     * so a credit note takes a settlement back from it first, whatever the sale ids say.
     */
    @Test
    @Tag("X-13")
    @Tag("CR-5")
    void aCreditNote_takesTheSettlementBackFromTheLotConfirmedLast_notTheLastSaleId() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        applied(credits.configure(on(JAN_5), new Configure(false, true)));
        // F-1 goes 1 hour negative, F-2 2 more: 3 owed.
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "1", null)));
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-2"), work("1", "HOUR", "2", null)));
        LocalDate feb10 = LocalDate.of(2026, 2, 10);
        applied(sell(feb10, "S2", "C1", lot("1", "HOUR", "2", "70.00", null)));
        applied(sell(feb10, "S3", "C1", lot("1", "HOUR", "2", "70.00", null)));
        // S3 is confirmed first and settles 2; S2 then settles the last 1 and keeps 1.
        applied(credits.confirmSale(on(feb10), new ConfirmSale("S3")));
        applied(credits.confirmSale(on(feb10), new ConfirmSale("S2")));
        Portfolio before = portfolio("C1", feb10);
        assertAmount("0", lotOf(before, "S3/1").remaining());
        assertAmount("1", lotOf(before, "S2/1").remaining());

        // F-1's hour went negative and S2 settled last: it gets that hour back, S3 keeps its settlement.
        Outcome cn = applied(creditNote(FEB_6.plusDays(10), "CN-1", "C1", "F-1", "1"));
        assertAmount("1", cn.result(CreditReturned.class).orElseThrow().returnedOf("1"));
        Portfolio after = portfolio("C1", FEB_6.plusDays(10));
        assertAmount("2", lotOf(after, "S2/1").remaining());
        assertAmount("0", lotOf(after, "S3/1").remaining());
    }

    @Test
    @Tag("X-13")
    @Tag("CR-2")
    void aCreditNoteOnWorkThatConsumedNothing_givesNothingBack_andWritesNothing() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        // C1 has no lot: the line is wholly billed; C9 does not use credits at all.
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "2", null)));
        applied(consume(FEB_1, "C9", doc(Source.INVOICE, "F-9"), work("1", "HOUR", "2", null)));
        TenantSnapshot before = snapshot();
        Outcome billed = applied(creditNote(FEB_5, "CN-1", "C1", "F-1", "1"));
        Outcome without = applied(creditNote(FEB_5, "CN-9", "C9", "F-9", "1"));
        for (Outcome o : List.of(billed, without)) {
            assertTrue(o.entries().isEmpty(), o::toString);
            assertTrue(o.result(CreditReturned.class).isEmpty(), o::toString);
        }
        assertEquals(before.parts(), snapshot().parts());
        assertThrows(InvalidValueException.class, () -> new CreditNote("CN-2", "C1", doc(Source.INVOICE, "F-1"),
                List.of()));
        assertThrows(InvalidValueException.class, () -> new CreditNote("CN-2", "C1", null, List.of("1")));
        // A credit note on another customer's document is a typed error.
        assertThrows(InvalidValueException.class, () -> creditNote(FEB_5, "CN-3", "C9", "F-1", "1"));
    }

    @Test
    @Tag("X-13")
    @Tag("CR-3")
    void aSaleWhoseLotWasPartlyConsumed_cannotBeCancelled_untilTheWorkIsCreditedBack() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "10", "72.00", null), lot("2", "TICKET", "3", "20.00",
                null));
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "3", null)));
        TenantSnapshot before = snapshot();

        Outcome refused = rejected(credits.cancelSale(on(FEB_5), new CancelSale("S1")), "LOT_CONSUMED");
        String reason = refused.rejections().get(0).message();
        assertTrue(reason.contains("S1/1") && reason.contains("7") && reason.contains("10"), reason);
        assertTrue(refused.result(CreditSaleMoved.class).isEmpty());
        assertEquals(before.parts(), snapshot().parts());
        assertHolding(portfolio("C1", FEB_5), "HOUR", "10", "0", "3", "0", "7");
        assertHolding(portfolio("C1", FEB_5), "TICKET", "3", "0", "0", "0", "3");

        // Once the work is credited back, every credit of the sale is unused, and it can be cancelled.
        applied(creditNote(FEB_5, "CN-1", "C1", "F-1", "1"));
        Outcome cancelled = applied(credits.cancelSale(on(FEB_6), new CancelSale("S1")));
        assertEquals("CANCELLED", cancelled.result(CreditSaleMoved.class).orElseThrow().status());
        Portfolio p = portfolio("C1", FEB_6);
        assertHolding(p, "HOUR", "0", "0", "0", "0", "0");
        assertHolding(p, "TICKET", "0", "0", "0", "0", "0");
    }
}
