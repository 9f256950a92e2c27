package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.AuditRecord;
import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.Correction;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.Holding;
import org.loyaltyengine.credits.LotStatement;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * An administrator's corrections of a customer's credits (SPEC CR-3, CR-8, X-8): free credits
 * added as a lot of their own at price 0, credits written off first in first out with their deferred revenue booked
 * as breakage, the {@code credits.corrections} permission, a correction id used once, never more than is available
 * and never reserved credits; the portfolio's corrected column, the usage and revenue reports, the audit trail.
 * Every figure is worked out by hand in the test. Abstract so that every store runs it.
 */
public abstract class CreditCorrectionsContract extends CreditsContractBase {
    private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);
    /** An administrator who may correct credits and nothing else. */
    protected static final Actor ADMIN = Actor.of("admin-dirk", Credits.CORRECTIONS_PERMISSION);

    private Outcome correct(LocalDate date, Correction c) {
        return credits.correct(as(ADMIN, date), c);
    }

    private static Correction add(String id, String customer, String type, String quantity, String validUntil,
                                  String note) {
        return Correction.add(id, customer, type, dec(quantity), validUntil == null ? null : day(validUntil), note);
    }

    private static Correction takeOff(String id, String customer, String type, String quantity, String note) {
        return Correction.takeOff(id, customer, type, dec(quantity), note);
    }

    /**
     * Two sold lots (S1/1 10 hours at 72.00; S2/1 6 hours at 80.00 valid to Feb 10, so first in line), 8 hours
     * written off, 3 free hours added valid to Jan 31 (first in line then), 2 hours of work on them, and the free
     * hour left expiring.
     */
    @Test
    @Tag("CR-3")
    @Tag("CR-8")
    void addingAndTakingOff_showInThePortfolio_lotByLot_andInTheUsageReport() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(day("2026-01-10"), "S1", "C1", lot("1", "HOUR", "10", "72.00", null));
        sellConfirmed(day("2026-01-15"), "S2", "C1", lot("1", "HOUR", "6", "80.00", "2026-02-10"));

        // Taking off 8: all 6 of S2/1 (it expires first), then 2 of S1/1.
        Outcome off = applied(correct(day("2026-01-20"), takeOff("K1", "C1", "HOUR", "8", "sold twice by mistake")));
        assertEquals(2, off.entries().size(), () -> off.entries().toString());
        for (LedgerEntry e : off.entries()) {
            assertEquals(EntryKind.ADJUST, e.kind());
            assertEquals("admin-dirk", e.actor());
            assertEquals("correction:K1", e.document());
            assertEquals("sold twice by mistake", e.note());
        }
        assertAmount("-6", entryOn(off, "lot:S2/1").amount());
        assertAmount("-2", entryOn(off, "lot:S1/1").amount());

        // Adding 3 free hours valid to Jan 31: a lot of its own, first in line as it expires first.
        Outcome added = applied(correct(day("2026-01-25"), add("K2", "C1", "HOUR", "3", "2026-01-31",
                "goodwill for the outage")));
        assertEquals(1, added.entries().size());
        assertEquals("lot:correction:K2/1", added.entries().get(0).account().owner());
        assertAmount("3", added.entries().get(0).amount());
        assertEquals("admin-dirk", added.entries().get(0).actor());

        Portfolio jan25 = portfolio("C1", day("2026-01-25"));
        // 16 bought, corrected -8 + 3 = -5: 16 - 0 - 0 - 0 - 5 = 11 (8 of S1/1 and the 3 free).
        assertHolding(jan25, "HOUR", "16", "0", "0", "0", "11");
        assertAmount("-5", jan25.holding("HOUR").orElseThrow().corrected());

        // Work draws the free lot first: 2 of correction:K2/1.
        assertDraws(answer(applied(consume(day("2026-01-28"), "C1", doc(Source.INVOICE, "F-1"),
                work("1", "HOUR", "2", "server move")))), "1", "correction:K2/1", "2");
        // Feb 1: the free hour left expires.
        applied(credits.expireLots(on(day("2026-02-01"))));

        Portfolio feb1 = portfolio("C1", day("2026-02-01"));
        // 16 - 2 consumed - 0 - 1 expired - 5 corrected = 8, all on S1/1.
        assertHolding(feb1, "HOUR", "16", "0", "2", "1", "8");
        Holding h = feb1.holding("HOUR").orElseThrow();
        assertAmount("-5", h.corrected());
        assertTrue(h.remaining().compareTo(h.bought().subtract(h.consumed()).subtract(h.reserved())
                .subtract(h.expired()).add(h.corrected())) == 0, h::toString);
        LotStatement s1 = lotOf(feb1, "S1/1");
        assertAmount("-2", s1.corrected());
        assertAmount("8", s1.remaining());
        LotStatement s2 = lotOf(feb1, "S2/1");
        assertAmount("-6", s2.corrected());
        assertAmount("0", s2.remaining());
        LotStatement free = lotOf(feb1, "correction:K2/1");
        assertEquals("CONFIRMED", free.status());
        assertAmount("0", free.unitPrice().amount());
        assertAmount("3", free.quantity());
        assertAmount("2", free.consumed());
        assertAmount("1", free.expired());
        assertAmount("3", free.corrected());
        assertAmount("0", free.remaining());

        // The usage report lists the corrections, signed, covering and billing nothing; the totals are the work.
        UsageReport usage = credits.usage(tenant, "C1", ReportPeriod.month(YearMonth.of(2026, 1)));
        assertEquals(3, usage.rows().size(), () -> usage.rows().toString());
        UsageReport.Row k1 = usage.rows().get(0);
        assertEquals(day("2026-01-20"), k1.date());
        assertEquals("correction:K1", k1.document());
        assertEquals("sold twice by mistake", k1.description());
        assertAmount("-8", k1.quantity());
        assertAmount("0", k1.covered());
        assertAmount("0", k1.billable());
        UsageReport.Row k2 = usage.rows().get(1);
        assertEquals("correction:K2", k2.document());
        assertAmount("3", k2.quantity());
        UsageReport.Row work = usage.rows().get(2);
        assertEquals("invoice:F-1", work.document());
        assertAmount("2", work.covered());
        assertEquals(1, usage.totals().size());
        assertAmount("2", usage.totals().get(0).covered());
        assertAmount("0", usage.totals().get(0).billable());
        assertCsv(credits.usageCsv(tenant, "C1", ReportPeriod.month(YearMonth.of(2026, 1))),
                "date,document,line,type,description,quantity,covered,billable,creditedBy",
                "2026-01-20,correction:K1,1,HOUR,sold twice by mistake,-8,0,0,",
                "2026-01-25,correction:K2,1,HOUR,goodwill for the outage,3,0,0,",
                "2026-01-28,invoice:F-1,1,HOUR,server move,2,2,0,");
    }

    /**
     * The same story in the revenue report: 1200.00 sold (720.00 + 480.00); the write-off of 6 x 80.00 + 2 x 72.00
     * = 624.00 is breakage; the free hours drawn and expired are worth 0.00; 8 x 72.00 = 576.00 stays deferred.
     */
    @Test
    @Tag("CR-8")
    void aWriteOff_isBreakage_andFreeCreditsRecogniseNothing_inTheRevenueReport() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(day("2026-01-10"), "S1", "C1", lot("1", "HOUR", "10", "72.00", null));
        sellConfirmed(day("2026-01-15"), "S2", "C1", lot("1", "HOUR", "6", "80.00", "2026-02-10"));
        applied(correct(day("2026-01-20"), takeOff("K1", "C1", "HOUR", "8", "sold twice by mistake")));
        applied(correct(day("2026-01-25"), add("K2", "C1", "HOUR", "3", "2026-01-31", "goodwill")));
        applied(consume(day("2026-01-28"), "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "2", null)));
        applied(credits.expireLots(on(day("2026-02-01"))));
        // February: 1 hour of S1/1 at 72.00 recognised.
        applied(consume(day("2026-02-03"), "C1", doc(Source.INVOICE, "F-2"), work("1", "HOUR", "1", null)));

        RevenueReport r = credits.revenue(tenant, YearMonth.of(2026, 1), YearMonth.of(2026, 2));
        assertEquals(2, r.rows().size(), () -> r.rows().toString());
        assertRow(r.rows().get(0), "2026-01", "0", "1200.00", "0", "624.00", "576.00");
        // 576.00 - 72.00 = 504.00 (7 x 72.00).
        assertRow(r.rows().get(1), "2026-02", "576.00", "0", "72.00", "0", "504.00");
    }

    /** Free credits drawn by work recognise nothing; the paid lot after them recognises its price. */
    @Test
    @Tag("CR-8")
    void freeCreditsConsumed_recogniseNoRevenue() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(day("2026-01-10"), "S1", "C1", lot("1", "HOUR", "2", "70.00", null));
        // 4 free hours valid to Mar 31: drawn before S1/1, which has no end.
        applied(correct(day("2026-02-01"), add("K1", "C1", "HOUR", "4", "2026-03-31", "paper card of 2025")));
        // 5 hours: 4 free (0.00) + 1 of S1/1 (70.00).
        assertDraws(answer(applied(consume(day("2026-02-03"), "C1", doc(Source.SERVICE_REPORT, "SR-1"),
                work("1", "HOUR", "5", null)))), "1", "correction:K1/1", "4", "S1/1", "1");

        RevenueReport r = credits.revenue(tenant, YearMonth.of(2026, 1), YearMonth.of(2026, 2));
        assertRow(r.rows().get(0), "2026-01", "0", "140.00", "0", "0", "140.00");
        assertRow(r.rows().get(1), "2026-02", "140.00", "0", "70.00", "0", "70.00");
        // 2 bought - 5 consumed + 4 corrected = 1.
        assertHolding(portfolio("C1", day("2026-02-03")), "HOUR", "2", "0", "5", "0", "1");
    }

    /** A credit note on work that drew a free lot gives the credits back to it, still worth nothing. */
    @Test
    @Tag("X-13")
    @Tag("CR-8")
    void aCreditNote_onWorkDrawnFromAFreeLot_givesItBack_andRecognisesNothing() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(day("2026-01-10"), "S1", "C1", lot("1", "HOUR", "2", "70.00", null));
        applied(correct(day("2026-01-12"), add("K1", "C1", "HOUR", "3", "2026-06-30", "goodwill")));
        // 4 hours: 3 free (first: it has an end) + 1 of S1/1 (70.00).
        applied(consume(day("2026-01-20"), "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "4", null)));
        applied(credits.creditNote(on(day("2026-01-25")), new org.loyaltyengine.credits.CreditRequests.CreditNote(
                "CN-1", "C1", doc(Source.INVOICE, "F-1"), List.of("1"))));
        Portfolio p = portfolio("C1", day("2026-01-25"));
        // 2 bought - 0 consumed + 3 corrected = 5; the free lot holds its 3 again.
        assertHolding(p, "HOUR", "2", "0", "0", "0", "5");
        assertAmount("3", lotOf(p, "correction:K1/1").remaining());
        // Sold 140.00; 70.00 recognised on Jan 20 and reversed on Jan 25: 140.00 deferred.
        RevenueReport r = credits.revenue(tenant, YearMonth.of(2026, 1), YearMonth.of(2026, 1));
        assertRow(r.rows().get(0), "2026-01", "0", "140.00", "0", "0", "140.00");
    }

    @Test
    @Tag("CR-3")
    @Tag("X-8")
    void withoutTheCorrectionsPermission_refused_andNothingWritten() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "5", "70.00", null));
        TenantSnapshot before = snapshot();
        // The office holds every other permission of the program, the technician none.
        rejected(credits.correct(on(JAN_5), add("K1", "C1", "HOUR", "1", null, "goodwill")), "PERMISSION_REQUIRED");
        rejected(credits.correct(as(TECHNICIAN, JAN_5), takeOff("K1", "C1", "HOUR", "1", "mistake")),
                "PERMISSION_REQUIRED");
        assertEquals(before.parts(), snapshot().parts());
        assertHolding(portfolio("C1", JAN_5), "HOUR", "5", "0", "0", "0", "5");
        assertTrue(engine.audit().history(tenant, AuditTrail.CREDITS_CORRECTION).isEmpty());
    }

    /** 5 confirmed, 4 on an open sale: reserved credits are no part of what a correction may take off. */
    @Test
    @Tag("CR-3")
    void beyondWhatIsAvailable_orOnReservedCredits_refused_andNothingWritten() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "5", "70.00", null));
        applied(sell(JAN_5, "S2", "C1", lot("1", "HOUR", "4", "70.00", null)));
        TenantSnapshot before = snapshot();
        Outcome refused = rejected(correct(JAN_5, takeOff("K1", "C1", "HOUR", "6", "mistake")),
                "CORRECTION_EXCEEDS_AVAILABLE");
        assertTrue(refused.rejections().get(0).message().contains("5"), refused.rejections()::toString);
        // A type the customer has none of: nothing available.
        rejected(correct(JAN_5, takeOff("K2", "C1", "TICKET", "1", "mistake")), "CORRECTION_EXCEEDS_AVAILABLE");
        assertEquals(before.parts(), snapshot().parts());
        // 9 bought, 4 reserved: 5 remain.
        assertHolding(portfolio("C1", JAN_5), "HOUR", "9", "4", "0", "0", "5");

        // All that is available may go: 9 - 4 reserved - 5 corrected = 0; the reservation stands.
        applied(correct(JAN_5, takeOff("K3", "C1", "HOUR", "5", "mistake")));
        assertHolding(portfolio("C1", JAN_5), "HOUR", "9", "4", "0", "0", "0");
        assertAmount("-5", portfolio("C1", JAN_5).holding("HOUR").orElseThrow().corrected());
        // A whole unit is corrected in whole credits.
        rejected(correct(JAN_5, add("K4", "C1", "TICKET", "1.5", null, "half a ticket")), "FRACTIONAL_QUANTITY");
    }

    @Test
    @Tag("CR-3")
    void aReusedCorrectionId_refused_andNothingWritten() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        usesCredits("C2", JAN_5);
        applied(correct(JAN_5, add("K1", "C1", "HOUR", "2", null, "goodwill")));
        TenantSnapshot before = snapshot();
        rejected(correct(JAN_5, add("K1", "C1", "HOUR", "2", null, "goodwill again")), "CORRECTION_ID_USED");
        // The id is the tenant's: another customer, another type, a taking off, all refused under it.
        rejected(correct(JAN_5, takeOff("K1", "C1", "HOUR", "1", "mistake")), "CORRECTION_ID_USED");
        rejected(correct(JAN_5, add("K1", "C2", "TICKET", "1", null, "goodwill")), "CORRECTION_ID_USED");
        // A customer who does not use credits gets none added (C3 was never switched on).
        rejected(correct(JAN_5, add("K6", "C3", "HOUR", "2", null, "goodwill")), "CUSTOMER_WITHOUT_CREDITS");
        assertEquals(before.parts(), snapshot().parts());
        // 0 bought + 2 corrected = 2.
        assertHolding(portfolio("C1", JAN_5), "HOUR", "0", "0", "0", "0", "2");
        // The same command again under its own key is the pipeline's replay: the first outcome, nothing new.
        CommandContext once = as(ADMIN, JAN_5);
        Outcome first = applied(credits.correct(once, add("K5", "C1", "HOUR", "1", null, "goodwill")));
        Outcome again = credits.correct(once, add("K5", "C1", "HOUR", "1", null, "goodwill"));
        assertTrue(again.applied());
        assertEquals(first.entries(), again.entries());
        assertHolding(portfolio("C1", JAN_5), "HOUR", "0", "0", "0", "0", "3");
    }

    @Test
    @Tag("CR-3")
    @Tag("X-10")
    void aSaleNamedLikeACorrectionsLot_isRefused_soTheTwoNeverShareAnAccount() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        applied(correct(JAN_5, add("K1", "C1", "HOUR", "2", null, "goodwill")));
        TenantSnapshot before = snapshot();
        org.loyaltyengine.spi.InvalidValueException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.loyaltyengine.spi.InvalidValueException.class,
                () -> sell(JAN_5, "correction:K1", "C1", lot("1", "HOUR", "5", "70.00", null)));
        assertTrue(refused.getMessage().contains("correction:K1"), refused.getMessage());
        assertEquals(before.parts(), snapshot().parts());
        assertHolding(portfolio("C1", JAN_5), "HOUR", "0", "0", "0", "0", "2");
    }

    @Test
    @Tag("X-8")
    @Tag("CR-3")
    void aCorrection_isAudited_withWhoWhenAndWhat() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "5", "70.00", null));
        CommandContext ctx = as(ADMIN, day("2026-01-20"));
        applied(credits.correct(ctx, takeOff("K1", "C1", "HOUR", "2", "sold twice by mistake")));

        List<AuditRecord> trail = engine.audit().history(tenant, AuditTrail.CREDITS_CORRECTION, "K1");
        assertEquals(1, trail.size());
        AuditRecord r = trail.get(0);
        assertEquals("admin-dirk", r.actor());
        assertEquals("credits.correct", r.command());
        assertEquals(ctx.key().value(), r.idempotencyKey());
        assertEquals(day("2026-01-20"), r.businessDate());
        assertTrue(r.before().isEmpty(), "a new correction: nothing before");
        assertEquals("TAKEN_OFF", r.after().get("status"));
        assertEquals("HOUR", r.after().get("attribute.type"));
        assertEquals("-2", r.after().get("attribute.quantity"));
        assertEquals("sold twice by mistake", r.after().get("attribute.note"));
        assertEquals("admin-dirk", r.after().get("attribute.user"));
        assertEquals("2", r.after().get("attribute.draw.S1/1"));
        assertEquals(1, engine.audit().history(tenant, AuditTrail.CREDITS_CORRECTION).size());
    }

    @Test
    @Tag("CR-3")
    void malformedCorrections_areTypedErrors_andAnUnknownTypeChangesNothing() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        assertThrows(InvalidValueException.class, () -> new Correction("K1", "C1", "HOUR", dec("0"), null, "x"));
        assertThrows(InvalidValueException.class, () -> new Correction("K1", "C1", "HOUR", dec("1"), null, " "));
        assertThrows(InvalidValueException.class, () -> new Correction("K1", "C1", "HOUR", dec("1"), null, null));
        assertThrows(InvalidValueException.class, () -> new Correction("K1", "C1", "HOUR", dec("-1"),
                day("2026-12-31"), "a validity on a taking off"));
        assertThrows(InvalidValueException.class, () -> Correction.add("K1", "C1", "HOUR", dec("-1"), null, "x"));
        assertThrows(InvalidValueException.class, () -> Correction.takeOff("K1", "C1", "HOUR", dec("-1"), "x"));
        TenantSnapshot before = snapshot();
        assertThrows(NoSuchEntityException.class, () -> correct(JAN_5, add("K1", "C1", "COPY", "1", null, "x")));
        assertEquals(before.parts(), snapshot().parts());
    }

    private static LedgerEntry entryOn(Outcome o, String account) {
        return o.entries().stream().filter(e -> e.account().owner().equals(account)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry on " + account + " in " + o.entries()));
    }

    private static void assertRow(RevenueReport.Row row, String month, String opening, String sold, String recognised,
                                  String breakage, String closing) {
        String what = row.toString();
        assertEquals(YearMonth.parse(month), row.month(), what);
        assertEquals("HOUR", row.type(), what);
        assertTrue(dec(opening).compareTo(row.openingDeferred()) == 0, () -> "opening of " + what);
        assertTrue(dec(sold).compareTo(row.sold()) == 0, () -> "sold of " + what);
        assertTrue(dec(recognised).compareTo(row.recognised()) == 0, () -> "recognised of " + what);
        assertTrue(dec(breakage).compareTo(row.expired()) == 0, () -> "breakage of " + what);
        assertTrue(dec(closing).compareTo(row.closingDeferred()) == 0, () -> "closing of " + what);
    }
}
