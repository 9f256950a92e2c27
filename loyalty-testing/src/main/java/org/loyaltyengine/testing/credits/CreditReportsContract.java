package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.credits.Budget;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * The program's reports, as data and as CSV (SPEC X-12): usage per customer for a week, month or quarter
 * (seed 002 "wekelijks, maandelijks, trimestrieel", SPEC CR-6); the budget per year and type with its run rate
 * (CR-7); revenue recognition per month and type at the price actually paid, lot by lot (CR-8). Every figure is
 * worked out by hand in the test. Abstract so that every store runs it.
 */
public abstract class CreditReportsContract extends CreditsContractBase {
    private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);

    /**
     * Two types with different face values (HOUR 80.00, TICKET 25.00), a lot bought at a discount, work drawing
     * on two lots at two prices at the end of January and again in February, a lot expiring with credits left, an
     * open sale that is no revenue yet, and a second customer.
     */
    @Test
    @Tag("CR-8")
    @Tag("X-12")
    void revenueRecognition_perMonthAndType_atThePricePaid_lotByLot_acrossAMonthBoundary() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        usesCredits("C2", JAN_5);
        // S1/1: 10 hours at 72.00 (face 80.00) = 720.00; S1/2: 4 tickets at 20.00 (face 25.00) = 80.00, to Feb 10.
        sellConfirmed(day("2026-01-10"), "S1", "C1", lot("1", "HOUR", "10", "72.00", null),
                lot("2", "TICKET", "4", "20.00", "2026-02-10"));
        // S2/1: 6 hours at 80.00 = 480.00, valid to Feb 10, so drawn before S1/1.
        sellConfirmed(day("2026-01-15"), "S2", "C1", lot("1", "HOUR", "6", "80.00", "2026-02-10"));
        // Jan 31: 7 hours = all 6 of S2/1 (6 x 80.00 = 480.00) + 1 of S1/1 (72.00): 552.00; 1 ticket 20.00.
        assertDraws(answer(applied(consume(day("2026-01-31"), "C1", doc(Source.SERVICE_REPORT, "SR-1"),
                work("1", "HOUR", "7", "migration"), work("2", "TICKET", "1", "ticket")))), "1", "S2/1", "6",
                "S1/1", "1");
        // Feb 3: 2.5 hours of S1/1 = 2.5 x 72.00 = 180.00; 2 tickets = 40.00.
        applied(consume(day("2026-02-03"), "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "2.5", "support"),
                work("2", "TICKET", "2", "tickets")));
        // C2: 2 tickets at face value 25.00 = 50.00, none used.
        sellConfirmed(day("2026-02-05"), "S5", "C2", lot("1", "TICKET", "2", "25.00", null));
        // Feb 11: the ticket left of S1/2 expires: 1 x 20.00 = 20.00 breakage; S2/1 holds nothing to expire.
        applied(credits.expireLots(on(day("2026-02-11"))));
        // S3: 5 hours at 75.00 = 375.00 sold in February. S4 stays open: reserved, not deferred revenue.
        sellConfirmed(day("2026-02-20"), "S3", "C1", lot("1", "HOUR", "5", "75.00", null));
        applied(sell(day("2026-02-25"), "S4", "C1", lot("1", "HOUR", "2", "80.00", null)));

        RevenueReport r = credits.revenue(tenant, YearMonth.of(2026, 1), YearMonth.of(2026, 3));
        assertEquals(6, r.rows().size(), () -> r.rows().toString());
        // HOUR January: 0 + 1200.00 - 552.00 - 0 = 648.00 (left: 9 of S1/1 at 72.00 = 648.00).
        assertRow(r.rows().get(0), "2026-01", "HOUR", "0", "1200.00", "552.00", "0", "648.00");
        // HOUR February: 648.00 + 375.00 - 180.00 = 843.00 (6.5 x 72.00 = 468.00 + 5 x 75.00 = 375.00).
        assertRow(r.rows().get(1), "2026-02", "HOUR", "648.00", "375.00", "180.00", "0", "843.00");
        assertRow(r.rows().get(2), "2026-03", "HOUR", "843.00", "0", "0", "0", "843.00");
        // TICKET January: 80.00 - 20.00 = 60.00; February: 60.00 + 50.00 - 40.00 - 20.00 = 50.00 (C2's two).
        assertRow(r.rows().get(3), "2026-01", "TICKET", "0", "80.00", "20.00", "0", "60.00");
        assertRow(r.rows().get(4), "2026-02", "TICKET", "60.00", "50.00", "40.00", "20.00", "50.00");
        assertRow(r.rows().get(5), "2026-03", "TICKET", "50.00", "0", "0", "0", "50.00");

        // A report that starts in February opens with what January left deferred.
        RevenueReport feb = credits.revenue(tenant, YearMonth.of(2026, 2), YearMonth.of(2026, 2));
        assertRow(feb.rows().get(0), "2026-02", "HOUR", "648.00", "375.00", "180.00", "0", "843.00");
        assertRow(feb.rows().get(1), "2026-02", "TICKET", "60.00", "50.00", "40.00", "20.00", "50.00");

        assertCsv(credits.revenueCsv(tenant, YearMonth.of(2026, 1), YearMonth.of(2026, 2)),
                "month,type,currency,openingDeferred,sold,recognised,expired,closingDeferred",
                "2026-01,HOUR,EUR,0,1200.00,552.00,0,648.00",
                "2026-02,HOUR,EUR,648.00,375.00,180.00,0,843.00",
                "2026-01,TICKET,EUR,0,80.00,20.00,0,60.00",
                "2026-02,TICKET,EUR,60.00,50.00,40.00,20.00,50.00");
        assertThrows(InvalidValueException.class, () -> credits.revenue(tenant, YearMonth.of(2026, 3),
                YearMonth.of(2026, 1)));
    }

    private static void assertRow(RevenueReport.Row row, String month, String type, String opening, String sold,
                                  String recognised, String expired, String closing) {
        String what = row.toString();
        assertEquals(YearMonth.parse(month), row.month(), what);
        assertEquals(type, row.type(), what);
        assertEquals("EUR", row.currency(), what);
        assertAmount(opening, row.openingDeferred());
        assertAmount(sold, row.sold());
        assertAmount(recognised, row.recognised());
        assertAmount(expired, row.expired());
        assertAmount(closing, row.closingDeferred());
    }

    @Test
    @Tag("CR-6")
    @Tag("X-12")
    void usage_perCustomer_forAWeekAMonthAndAQuarter_asDataAndCsv() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        usesCredits("C2", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "20", "75.00", null));
        sellConfirmed(JAN_5, "S2", "C2", lot("1", "HOUR", "5", "75.00", null));
        // Monday 2 March and Wednesday 4 March are one week; Monday 9 March the next; April is the second quarter.
        applied(consume(day("2026-03-02"), "C1", doc(Source.SERVICE_REPORT, "SR-1"), work("1", "HOUR", "2", "install")));
        applied(consume(day("2026-03-04"), "C1", doc(Source.HELPDESK_TICKET, "H-1"), work("1", "HOUR", "1.5",
                "reset")));
        applied(consume(day("2026-03-09"), "C1", doc(Source.INVOICE, "F-1"), work("1", "HOUR", "3", "upgrade")));
        applied(consume(day("2026-04-01"), "C1", doc(Source.EVENT, "EV-1"), work("1", "HOUR", "4", "training")));
        // 20 - 2 - 1.5 - 3 - 4 = 9.5 left: of 12 hours, 9.5 covered and 2.5 billable.
        applied(consume(day("2026-04-02"), "C1", doc(Source.INVOICE, "F-2"), work("1", "HOUR", "12", "rollout")));
        applied(consume(day("2026-03-03"), "C2", doc(Source.INVOICE, "F-9"), work("1", "HOUR", "1", "other")));

        UsageReport week = credits.usage(tenant, "C1", ReportPeriod.week(day("2026-03-04")));
        assertEquals(new ReportPeriod(day("2026-03-02"), day("2026-03-08")), week.period());
        assertEquals(List.of("service-report:SR-1", "helpdesk-ticket:H-1"),
                week.rows().stream().map(UsageReport.Row::document).toList());
        UsageReport.Row first = week.rows().get(0);
        assertEquals(day("2026-03-02"), first.date());
        assertEquals("1", first.line());
        assertEquals("HOUR", first.type());
        assertEquals("install", first.description());
        assertAmount("2", first.quantity());
        assertAmount("2", first.covered());
        assertAmount("0", first.billable());
        assertNull(first.creditedBy());
        assertTotal(week, "3.5", "0");

        UsageReport march = credits.usage(tenant, "C1", ReportPeriod.month(YearMonth.of(2026, 3)));
        assertEquals(3, march.rows().size());
        assertTotal(march, "6.5", "0");
        UsageReport q1 = credits.usage(tenant, "C1", ReportPeriod.quarter(2026, 1));
        assertEquals(new ReportPeriod(day("2026-01-01"), day("2026-03-31")), q1.period());
        assertEquals(march.rows(), q1.rows());
        UsageReport q2 = credits.usage(tenant, "C1", ReportPeriod.quarter(2026, 2));
        assertEquals(List.of("event:EV-1", "invoice:F-2"), q2.rows().stream().map(UsageReport.Row::document).toList());
        assertAmount("9.5", q2.rows().get(1).covered());
        assertAmount("2.5", q2.rows().get(1).billable());
        // 4 + 9.5 = 13.5 covered, 2.5 billable.
        assertTotal(q2, "13.5", "2.5");

        assertCsv(credits.usageCsv(tenant, "C1", ReportPeriod.week(day("2026-03-08"))),
                "date,document,line,type,description,quantity,covered,billable,creditedBy",
                "2026-03-02,service-report:SR-1,1,HOUR,install,2,2,0,",
                "2026-03-04,helpdesk-ticket:H-1,1,HOUR,reset,1.5,1.5,0,");
        // C2's work is C2's: one row in C2's report, none in C1's.
        assertEquals(1, credits.usage(tenant, "C2", ReportPeriod.quarter(2026, 1)).rows().size());
        assertThrows(InvalidValueException.class, () -> ReportPeriod.quarter(2026, 5));
        assertThrows(InvalidValueException.class, () -> new ReportPeriod(day("2026-03-02"), day("2026-03-01")));
    }

    private static void assertTotal(UsageReport r, String covered, String billable) {
        assertEquals(1, r.totals().size(), () -> r.totals().toString());
        assertEquals("HOUR", r.totals().get(0).type());
        assertAmount(covered, r.totals().get(0).covered());
        assertAmount(billable, r.totals().get(0).billable());
    }

    @Test
    @Tag("CR-7")
    @Tag("X-12")
    void budget_perYearAndType_withItsRunRate_andTheDayTheCreditsRunOut() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
        sellConfirmed(JAN_5, "S1", "C1", lot("1", "HOUR", "21", "80.00", null), lot("2", "TICKET", "10", "25.00",
                null));
        applied(consume(day("2026-01-20"), "C1", doc(Source.SERVICE_REPORT, "SR-1"), work("1", "HOUR", "4", "a")));
        applied(consume(day("2026-03-10"), "C1", doc(Source.SERVICE_REPORT, "SR-2"), work("1", "HOUR", "5", "b")));

        LocalDate asOf = day("2026-03-31");
        Budget b = credits.budget(tenant, "C1", 2026, asOf);
        assertEquals(2, b.lines().size());
        Budget.Line hour = b.lines().get(0);
        assertEquals("HOUR", hour.type());
        assertAmount("21", hour.bought());
        assertAmount("9", hour.consumed());
        assertAmount("12", hour.remaining());
        // 9 hours in the 90 days of January to March: 0.1 a day; 0.1 x 365 = 36.50 in the year, 36.50 / 12 = 3.04 a
        // month, worth 36.50 x 80.00 = 2920.00; the 12 left last 12 / 0.1 = 120 days: 31 March + 120 = 29 July.
        assertAmount("3.04", hour.runRatePerMonth());
        assertAmount("36.50", hour.projectedYear());
        assertAmount("2920.00", hour.projectedValue().amount());
        assertEquals("EUR", hour.projectedValue().currency().getCurrencyCode());
        assertEquals(day("2026-07-29"), hour.runOutDate());
        Budget.Line ticket = b.lines().get(1);
        assertEquals("TICKET", ticket.type());
        assertAmount("10", ticket.bought());
        assertAmount("0", ticket.consumed());
        assertAmount("10", ticket.remaining());
        assertAmount("0", ticket.runRatePerMonth());
        assertNull(ticket.runOutDate(), "nothing consumed: no pace, no run-out day");

        assertCsv(credits.budgetCsv(tenant, "C1", 2026, asOf),
                "year,type,bought,consumed,remaining,runRatePerMonth,projectedYear,projectedValue,currency,runOutDate",
                "2026,HOUR,21,9,12,3.04,36.50,2920.00,EUR,2026-07-29",
                "2026,TICKET,10,0,10,0.00,0.00,0.00,EUR,");
        assertThrows(InvalidValueException.class, () -> credits.budget(tenant, "C1", 0, asOf));
    }
}
