package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.SourceDocument;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Consumption (seed 002: "verrekend via de factuur, leveringsbon of kasverkoop, een servicerapport, de helpdesk
 * module of het evenementbeheer. Ook manueel"; SPEC CR-4, CR-5): from every kind of document or by hand, each
 * consumption naming its document and line; per line what the credits covered (which lots, how many) and what is
 * billable; first in, first out, the soonest-expiring lot first; a negative balance where the policy allows it.
 * Abstract so that every store runs it.
 */
public abstract class CreditConsumptionContract extends CreditsContractBase {
    private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);
    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);

    private void customerC1() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
    }

    @Test
    @Tag("CR-4")
    void everyKindOfDocument_consumes_andEachEntryNamesItsDocumentAndLine() {
        customerC1();
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "20", "75.00", null));
        List<Source> kinds = List.of(Source.INVOICE, Source.DELIVERY_NOTE, Source.CASH_SALE, Source.SERVICE_REPORT,
                Source.HELPDESK_TICKET, Source.EVENT);
        for (Source kind : kinds) {
            Outcome o = applied(consume(FEB_1, "C1", doc(kind, "D-7"), work("L" + kind.ordinal(), "HOUR", "1.5",
                    "work on " + kind)));
            assertEquals(1, o.entries().size());
            LedgerEntry e = o.entries().get(0);
            assertEquals(EntryKind.CONSUME, e.kind());
            assertAmount("-1.5", e.amount());
            assertEquals(kind.code() + ":D-7", e.document());
            assertEquals("L" + kind.ordinal(), e.line());
            assertEquals("office-ann", e.actor());
            assertDraws(answer(o), "L" + kind.ordinal(), "S1/1", "1.5");
        }
        // Six documents of 1.5 hours: 9 consumed, 20 - 9 = 11 left.
        assertHolding(portfolio("C1", FEB_1), "HOUR", "20", "0", "9", "0", "11");
        UsageReport usage = credits.usage(tenant, "C1", ReportPeriod.month(java.time.YearMonth.of(2026, 2)));
        assertEquals(List.of("cash-sale:D-7", "delivery-note:D-7", "event:D-7", "helpdesk-ticket:D-7", "invoice:D-7",
                "service-report:D-7"), usage.rows().stream().map(UsageReport.Row::document).toList());
        assertEquals("work on " + Source.EVENT, usage.rows().get(2).description());
        assertEquals("L" + Source.EVENT.ordinal(), usage.rows().get(2).line());
    }

    @Test
    @Tag("CR-4")
    @Tag("X-8")
    void aManualConsumption_keepsItsNoteAndActingUser_andNeedsANote() {
        customerC1();
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "TICKET", "10", "20.00", null));
        Outcome o = applied(credits.consume(on(FEB_1), new Consume("C1", doc(Source.MANUAL, "M-1"),
                List.of(work("1", "TICKET", "2", "phone support")), "two calls on the weekend line")));
        assertEquals("office-ann", o.actor());
        LedgerEntry e = o.entries().get(0);
        assertEquals("manual:M-1", e.document());
        assertEquals("1", e.line());
        assertEquals("office-ann", e.actor());
        assertEquals("two calls on the weekend line", e.note());
        assertHolding(portfolio("C1", FEB_1), "TICKET", "10", "0", "2", "0", "8");

        assertThrows(InvalidValueException.class, () -> new Consume("C1", doc(Source.MANUAL, "M-2"),
                List.of(work("1", "TICKET", "1", null)), " "));
        assertThrows(InvalidValueException.class, () -> new Consume("C1", doc(Source.MANUAL, "M-2"),
                List.of(work("1", "TICKET", "1", null)), null));
    }

    @Test
    @Tag("CR-5")
    void notEnoughCredits_theCoveredPartIsConsumed_andTheRestIsBillable() {
        customerC1();
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "5", "70.00", null));
        Outcome o = applied(credits.consume(on(FEB_1), new Consume("C1", doc(Source.SERVICE_REPORT, "SR-1"), List.of(
                work("1", "HOUR", "3", "diagnosis"),
                new WorkLine("2", "HOUR", dec("4"), "repair", eur("95.00"))), null)));
        CreditWorkAnswer a = answer(o);
        // Line 1 takes 3 of the 5; line 2 the other 2, and 4 - 2 = 2 hours are billed at its own 95.00: 190.00.
        assertAmount("3", a.coveredOf("1"));
        assertAmount("0", a.billableOf("1"));
        assertAmount("0", a.billableAmountOf("1"));
        assertAmount("2", a.coveredOf("2"));
        assertAmount("2", a.billableOf("2"));
        assertAmount("190.00", a.billableAmountOf("2"));
        assertDraws(a, "2", "S1/1", "2");
        assertHolding(portfolio("C1", FEB_1), "HOUR", "5", "0", "5", "0", "0");

        // Nothing left: the next line is wholly billable at face value, 1.25 x 80.00 = 100.00.
        CreditWorkAnswer next = answer(applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"),
                work("1", "HOUR", "1.25", null))));
        assertAmount("0", next.coveredOf("1"));
        assertAmount("1.25", next.billableOf("1"));
        assertAmount("100.00", next.billableAmountOf("1"));
        UsageReport.Total total = credits.usage(tenant, "C1", ReportPeriod.month(java.time.YearMonth.of(2026, 2)))
                .totals().get(0);
        // Covered 3 + 2 = 5, billable 2 + 1.25 = 3.25: nothing silently lost.
        assertAmount("5", total.covered());
        assertAmount("3.25", total.billable());
    }

    @Test
    @Tag("CR-5")
    void whereThePolicyAllowsIt_theUncoveredPartGoesNegative_andTheNextLotSettlesIt() {
        customerC1();
        applied(credits.configure(on(JAN_5), new Configure(false, true)));
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "2", "70.00", null));
        CreditWorkAnswer a = answer(applied(consume(FEB_1, "C1", doc(Source.HELPDESK_TICKET, "H-1"),
                work("1", "HOUR", "5", "outage"))));
        // 2 from the lot, 5 - 2 = 3 into a negative balance, nothing billable.
        assertAmount("5", a.coveredOf("1"));
        assertDraws(a, "1", "S1/1", "2");
        assertAmount("3", a.overdrawn().get("1"));
        assertAmount("0", a.billableOf("1"));
        assertHolding(portfolio("C1", FEB_1), "HOUR", "2", "0", "5", "0", "-3");

        LocalDate feb10 = LocalDate.of(2026, 2, 10);
        sellConfirmed(feb10, "S2", "C1", lot("1", "HOUR", "10", "72.00", null));
        // The new lot first settles the 3 owed: 10 - 3 = 7 remain; the type's consumption stays 5.
        Portfolio p = portfolio("C1", feb10);
        assertHolding(p, "HOUR", "12", "0", "5", "0", "7");
        assertAmount("3", lotOf(p, "S2/1").consumed());
        assertAmount("7", lotOf(p, "S2/1").remaining());
        assertHolding(portfolio("C1", FEB_1), "HOUR", "2", "0", "5", "0", "-3");
    }

    @Test
    @Tag("CR-4")
    @Tag("CR-8")
    void workDrawsFirstInFirstOut_theSoonestExpiringLotFirst_andADocumentsLinesInTheirOrder() {
        customerC1();
        sellConfirmed(LocalDate.of(2026, 1, 10), "S1", "C1", lot("1", "HOUR", "4", "70.00", null));
        sellConfirmed(LocalDate.of(2026, 1, 12), "S2", "C1", lot("1", "HOUR", "4", "75.00", null));
        sellConfirmed(LocalDate.of(2026, 1, 15), "S3", "C1", lot("1", "HOUR", "4", "80.00", "2026-06-30"));
        sellConfirmed(LocalDate.of(2026, 1, 20), "S4", "C1", lot("1", "HOUR", "2", "78.00", "2026-05-31"));

        CreditWorkAnswer a = answer(applied(consume(FEB_1, "C1", doc(Source.SERVICE_REPORT, "SR-1"),
                work("1", "HOUR", "6", "migration"), work("2", "HOUR", "3", "training"))));
        // Order: S4 (ends May 31), S3 (ends June 30), then the lots without an end by sale date, S1 before S2.
        // Line 1: 2 of S4 and 4 of S3. Line 2: 3 of S1.
        assertDraws(a, "1", "S4/1", "2", "S3/1", "4");
        assertDraws(a, "2", "S1/1", "3");
        CreditWorkAnswer b = answer(applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"),
                work("1", "HOUR", "2", "support"))));
        // Then 1 left of S1, and S2.
        assertDraws(b, "1", "S1/1", "1", "S2/1", "1");
        Portfolio p = portfolio("C1", FEB_1);
        assertAmount("0", lotOf(p, "S4/1").remaining());
        assertAmount("0", lotOf(p, "S3/1").remaining());
        assertAmount("0", lotOf(p, "S1/1").remaining());
        assertAmount("3", lotOf(p, "S2/1").remaining());
        assertHolding(p, "HOUR", "14", "0", "11", "0", "3");
    }

    @Test
    @Tag("CR-4")
    @Tag("X-6")
    void aDryRun_answersAsTheCommitWould_andWritesNothing() {
        customerC1();
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "3", "70.00", null));
        Consume work = new Consume("C1", doc(Source.INVOICE, "F-1"), List.of(work("1", "HOUR", "5", null)), null);
        TenantSnapshot before = snapshot();
        Outcome preview = applied(credits.consume(on(FEB_1).asDryRun(), work));
        assertTrue(preview.dryRun());
        assertEquals(before.parts(), snapshot().parts());
        Outcome commit = applied(credits.consume(on(FEB_1), work));
        assertEquals(answer(preview), answer(commit));
        assertAmount("2", answer(commit).billableOf("1"));
    }

    @Test
    @Tag("CR-4")
    @Tag("X-10")
    void badWork_getsATypedErrorOrReason_andWritesNothing() {
        customerC1();
        usesCredits("C2", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "5", "70.00", null), lot("2", "TICKET", "5", "20.00", null));
        applied(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "1", null)));
        TenantSnapshot before = snapshot();

        // No document, a document without kind or id.
        assertThrows(InvalidValueException.class, () -> new Consume("C1", null, List.of(work("1", "HOUR", "1", null)),
                null));
        assertThrows(InvalidValueException.class, () -> new SourceDocument(null, "F-2"));
        assertThrows(InvalidValueException.class, () -> new SourceDocument(Source.INVOICE, " "));
        assertThrows(InvalidValueException.class, () -> new SourceDocument(Source.INVOICE, null));
        // Negative and zero quantities, no lines, a line twice.
        assertThrows(InvalidValueException.class, () -> work("1", "HOUR", "-1", null));
        assertThrows(InvalidValueException.class, () -> work("1", "HOUR", "0", null));
        assertThrows(InvalidValueException.class, () -> new WorkLine("1", "HOUR", dec("1"), null, eur("-5.00")));
        assertThrows(InvalidValueException.class, () -> new Consume("C1", doc(Source.INVOICE, "F-2"), List.of(),
                null));
        assertThrows(InvalidValueException.class, () -> new Consume("C1", doc(Source.INVOICE, "F-2"),
                List.of(work("1", "HOUR", "1", null), work("1", "TICKET", "1", null)), null));

        // An unknown type, among good lines.
        NoSuchEntityException unknown = assertThrows(NoSuchEntityException.class, () -> consume(FEB_1, "C1",
                doc(Source.INVOICE, "F-2"), work("1", "HOUR", "1", null), work("2", "COPY", "40", null)));
        assertEquals("NO_SUCH_CREDIT_TYPE", unknown.code());
        assertEquals(before, snapshot());
        // Half a ticket, beside a good line: the whole document is refused.
        rejected(consume(FEB_1, "C1", doc(Source.INVOICE, "F-2"), work("1", "HOUR", "1", null),
                work("2", "TICKET", "0.5", null)), "FRACTIONAL_QUANTITY");
        // A line registered before.
        rejected(consume(FEB_1, "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "1", null)),
                "LINE_ALREADY_CONSUMED");
        // Another customer's document.
        InvalidValueException other = assertThrows(InvalidValueException.class, () -> consume(FEB_1, "C2",
                doc(Source.INVOICE, "F-1"), work("2", "HOUR", "1", null)));
        assertEquals("INVALID_VALUE", other.code());

        assertEquals(before.parts(), snapshot().parts());
        Portfolio p = portfolio("C1", FEB_1);
        assertHolding(p, "HOUR", "5", "0", "1", "0", "4");
        assertHolding(p, "TICKET", "5", "0", "0", "0", "5");
    }
}
