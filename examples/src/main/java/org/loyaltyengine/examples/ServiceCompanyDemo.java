package org.loyaltyengine.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
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
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.Holding;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A service company's prepaid credits (seed 002) on the embedded in-memory store: it defines technician hours
 * (counted in fractions, 90.00 each) and training vouchers (whole, 250.00 each), sells a customer 20 hours at
 * 76.00 and 4 vouchers at 200.00 valid to the end of April, and registers work the same way for a customer with
 * credits and one without: service reports, helpdesk tickets and a consumption by hand. A credit note gives a
 * ticket back; a big repair in April runs the first lot dry and the rest is billable; a second lot is sold; the
 * vouchers not used by the end of April expire in May. Prints what each piece of work cost in credits and money,
 * March's usage report, the revenue recognition from March to May, and the portfolio.
 *
 * <p>Run it through its test: {@code mvn -B -pl loyalty-spi,loyalty-engine,examples test
 * -Dtest=ServiceCompanyDemoTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public final class ServiceCompanyDemo {
    private static final TenantId COMPANY = TenantId.of("servicebedrijf-delta");
    private static final Actor OFFICE = Actor.of("office", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
            Credits.MANUAL_PERMISSION);
    /** Technicians and the helpdesk register their work without knowing who has credits. */
    private static final Actor TECHNICIAN = Actor.of("technician");
    private static final String BAKERY = "K-2001";
    private static final String FLORIST = "K-2002";
    private int keys;

    public static void main(String[] args) {
        new ServiceCompanyDemo().run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns the bakery's portfolio at the end. */
    public Portfolio run(PrintStream out) {
        LoyaltyEngine engine = LoyaltyEngine.builder().build();
        Credits credits = engine.credits();
        LocalDate march2 = LocalDate.of(2026, 3, 2);
        credits.defineType(ctx(OFFICE, march2), new DefineType("HOUR", "Technician hour", "hour", Counting.FRACTIONAL,
                eur("90.00")));
        credits.defineType(ctx(OFFICE, march2), new DefineType("TRAINING", "Training voucher", "voucher",
                Counting.WHOLE, eur("250.00")));
        // The bakery works with credits; the florist does not, and is billed as before.
        credits.useCredits(ctx(OFFICE, march2), new UseCredits(BAKERY, true));

        // Credits sold below face value: 20 hours at 76.00 (1520.00), 4 vouchers at 200.00 (800.00) until April's end.
        credits.sell(ctx(OFFICE, march2), new Sell("S-2026-001", BAKERY, List.of(
                new SaleLine("1", "HOUR", new BigDecimal("20"), eur("76.00"), null),
                new SaleLine("2", "TRAINING", new BigDecimal("4"), eur("200.00"), LocalDate.of(2026, 4, 30)))));
        credits.confirmSale(ctx(OFFICE, march2), new ConfirmSale("S-2026-001"));

        work(out, credits, TECHNICIAN, LocalDate.of(2026, 3, 11), BAKERY, Source.SERVICE_REPORT, "SR-0311", null,
                WorkLine.of("1", "HOUR", "3.5", "boiler maintenance"));
        work(out, credits, TECHNICIAN, LocalDate.of(2026, 3, 18), BAKERY, Source.HELPDESK_TICKET, "HD-0318", null,
                WorkLine.of("1", "HOUR", "0.75", "till software fault"));
        work(out, credits, TECHNICIAN, LocalDate.of(2026, 3, 20), FLORIST, Source.HELPDESK_TICKET, "HD-0320", null,
                WorkLine.of("1", "HOUR", "1.5", "printer set-up"));
        work(out, credits, TECHNICIAN, LocalDate.of(2026, 3, 25), BAKERY, Source.SERVICE_REPORT, "SR-0325", null,
                WorkLine.of("1", "TRAINING", "1", "HACCP training"), WorkLine.of("2", "HOUR", "2.25", "oven repair"));
        work(out, credits, OFFICE, LocalDate.of(2026, 3, 27), BAKERY, Source.MANUAL, "M-0327", "advice by phone",
                WorkLine.of("1", "HOUR", "0.5", "advice on a new oven"));
        // The till fault was the company's own: the ticket's hours go back to the lot they came from.
        credits.creditNote(ctx(OFFICE, LocalDate.of(2026, 3, 31)), new CreditNote("CN-2026-01", BAKERY,
                new SourceDocument(Source.HELPDESK_TICKET, "HD-0318"), List.of("1")));
        out.println("Credit note CN-2026-01 gives helpdesk ticket HD-0318 its 0.75 hours back");

        work(out, credits, TECHNICIAN, LocalDate.of(2026, 4, 8), BAKERY, Source.SERVICE_REPORT, "SR-0408", null,
                WorkLine.of("1", "HOUR", "16", "proofing cabinet replaced"));
        LocalDate april15 = LocalDate.of(2026, 4, 15);
        credits.sell(ctx(OFFICE, april15), new Sell("S-2026-002", BAKERY, List.of(
                new SaleLine("1", "HOUR", new BigDecimal("10"), eur("72.00"), null))));
        credits.confirmSale(ctx(OFFICE, april15), new ConfirmSale("S-2026-002"));
        work(out, credits, TECHNICIAN, LocalDate.of(2026, 4, 22), BAKERY, Source.HELPDESK_TICKET, "HD-0422", null,
                WorkLine.of("1", "HOUR", "1.25", "network check"));
        LocalDate may4 = LocalDate.of(2026, 5, 4);
        credits.expireLots(ctx(OFFICE, may4));

        out.println();
        printUsage(out, credits.usage(COMPANY, BAKERY, ReportPeriod.month(YearMonth.of(2026, 3))));
        out.println();
        printRevenue(out, credits.revenue(COMPANY, YearMonth.of(2026, 3), YearMonth.of(2026, 5)));
        out.println();
        Portfolio portfolio = credits.portfolio(COMPANY, BAKERY, may4);
        printPortfolio(out, portfolio);
        return portfolio;
    }

    /** Registers work and prints, per line, what the credits covered and what is billed. */
    private void work(PrintStream out, Credits credits, Actor actor, LocalDate day, String customer, Source kind,
                      String document, String note, WorkLine... lines) {
        Outcome o = credits.consume(ctx(actor, day), new Consume(customer, new SourceDocument(kind, document),
                List.of(lines), note));
        CreditWorkAnswer answer = o.result(CreditWorkAnswer.class).orElseThrow(() -> new IllegalStateException(
                document + ": " + o.rejections()));
        for (WorkLine l : lines) {
            Map<String, BigDecimal> draws = answer.drawsOf(l.lineId());
            String from = draws.isEmpty() ? "" : " from " + draws.entrySet().stream()
                    .map(e -> e.getKey() + " " + quantity(e.getValue())).collect(Collectors.joining(", "));
            out.println(document + " line " + l.lineId() + " (" + customer + "): " + quantity(l.quantity()) + " "
                    + l.type() + ", covered " + quantity(answer.coveredOf(l.lineId())) + from + ", billable "
                    + quantity(answer.billableOf(l.lineId())) + " = " + money(answer.billableAmountOf(l.lineId())) + " EUR");
        }
    }

    private static void printUsage(PrintStream out, UsageReport r) {
        out.println("Usage of credits, customer " + r.customerId() + ", " + r.period().from() + " to " + r.period().to());
        String row = "%-10s  %-24s  %-4s  %-8s  %-22s  %8s  %8s  %8s  %s%n";
        out.printf(row, "Date", "Document", "Line", "Type", "Description", "Quantity", "Covered", "Billable",
                "Credited by");
        for (UsageReport.Row x : r.rows()) {
            out.printf(row, x.date(), x.document(), x.line(), x.type(), x.description() == null ? "" : x.description(),
                    quantity(x.quantity()), quantity(x.covered()), quantity(x.billable()),
                    x.creditedBy() == null ? "" : x.creditedBy());
        }
        for (UsageReport.Total t : r.totals()) {
            out.println("Total " + t.type() + ": covered " + quantity(t.covered()) + ", billable " + quantity(t.billable()));
        }
    }

    private static void printRevenue(PrintStream out, RevenueReport r) {
        out.println("Revenue recognition " + r.from() + " to " + r.to() + " (deferred revenue, recognised, breakage)");
        String row = "%-7s  %-8s  %-3s  %16s  %10s  %10s  %10s  %16s%n";
        out.printf(row, "Month", "Type", "Cur", "Opening deferred", "Sold", "Recognised", "Expired", "Closing deferred");
        for (RevenueReport.Row x : r.rows()) {
            out.printf(row, x.month(), x.type(), x.currency(), money(x.openingDeferred()), money(x.sold()),
                    money(x.recognised()), money(x.expired()), money(x.closingDeferred()));
        }
    }

    private static void printPortfolio(PrintStream out, Portfolio p) {
        out.println("Portfolio of " + p.customerId() + " on " + p.date());
        String row = "%-8s  %8s  %8s  %8s  %8s  %9s%n";
        out.printf(row, "Type", "Bought", "Reserved", "Consumed", "Expired", "Remaining");
        for (Holding h : p.holdings()) {
            out.printf(row, h.type(), quantity(h.bought()), quantity(h.reserved()), quantity(h.consumed()),
                    quantity(h.expired()), quantity(h.remaining()));
        }
    }

    private CommandContext ctx(Actor actor, LocalDate day) {
        return CommandContext.of(COMPANY, actor, "demo-" + (++keys), day);
    }

    private static String quantity(BigDecimal q) {
        return q.signum() == 0 ? "0" : q.stripTrailingZeros().toPlainString();
    }

    /** The reports keep amounts unrounded; a printed table shows cents. */
    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }
}
