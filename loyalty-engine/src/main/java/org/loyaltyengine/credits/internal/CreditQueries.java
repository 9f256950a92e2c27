package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.credits.Budget;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Holding;
import org.loyaltyengine.credits.LotStatement;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.credits.internal.Stored.UsageLine;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;

/**
 * The program's reads: portfolio (SPEC CR-3), usage (CR-6), budget (CR-7) and revenue (CR-8), all from the
 * ledger and the sales, as of the business dates of the entries. No figure is kept apart from the ledger.
 *
 * <p>On a lot's account a sale posts TOP_UP, a cancellation a negative REVERSE, work CONSUME, a credit note a
 * positive REVERSE, the settling of a negative balance SETTLE (its other half positive on the overdraft account)
 * and the expiry sweep EXPIRE; a correction ADJUST, positive on the free lot it adds, negative on the lots it takes
 * credits off. On the overdraft account work posts CONSUME and a credit note a positive REVERSE.
 */
final class CreditQueries {
    private CreditQueries() {
    }

    static List<CreditType> types(StoreView view) {
        return view.documents(Stored.TYPE, null).stream().map(Stored::type)
                .sorted(java.util.Comparator.comparing(CreditType::code)).toList();
    }

    /** What a lot's entries up to a date add up to, by what moved it. */
    private record LotFigures(BigDecimal sold, BigDecimal cancelled, BigDecimal drawn, BigDecimal settled,
                              BigDecimal returned, BigDecimal expired, BigDecimal corrected, BigDecimal balance) {
        static LotFigures of(List<LedgerEntry> entries, LocalDate from, LocalDate to) {
            BigDecimal sold = BigDecimal.ZERO, cancelled = BigDecimal.ZERO, drawn = BigDecimal.ZERO;
            BigDecimal settled = BigDecimal.ZERO, returned = BigDecimal.ZERO, expired = BigDecimal.ZERO;
            BigDecimal corrected = BigDecimal.ZERO, balance = BigDecimal.ZERO;
            for (LedgerEntry e : entries) {
                if ((from != null && e.businessDate().isBefore(from)) || e.businessDate().isAfter(to)) {
                    continue;
                }
                BigDecimal a = e.amount();
                balance = balance.add(a);
                switch (e.kind()) {
                    case TOP_UP -> sold = sold.add(a);
                    case REVERSE -> {
                        if (a.signum() < 0) {
                            cancelled = cancelled.subtract(a);
                        } else {
                            returned = returned.add(a);
                        }
                    }
                    case CONSUME -> drawn = drawn.subtract(a);
                    case SETTLE -> settled = settled.subtract(a);
                    case EXPIRE -> expired = expired.subtract(a);
                    case ADJUST -> corrected = corrected.add(a);
                    default -> {
                    }
                }
            }
            return new LotFigures(sold, cancelled, drawn, settled, returned, expired, corrected, balance);
        }
    }

    private static String statusOn(Lot l, LocalDate date) {
        if (l.cancelledOn() != null && !l.cancelledOn().isAfter(date)) {
            return "CANCELLED";
        }
        return l.confirmedOn() != null && !l.confirmedOn().isAfter(date) ? "CONFIRMED" : "OPEN";
    }

    static Portfolio portfolio(StoreView view, String customerId, LocalDate date) {
        Checks.identifier(customerId, "customer id", org.loyaltyengine.spi.Limits.IDENTIFIER);
        Checks.date(date, "portfolio date");
        List<LotStatement> lots = new ArrayList<>();
        Map<String, BigDecimal[]> byType = new TreeMap<>();
        for (Lot l : Stored.lotsOf(view, customerId)) {
            if (l.soldOn().isAfter(date)) {
                continue;
            }
            LotFigures f = LotFigures.of(view.entries(l.account()), null, date);
            String status = statusOn(l, date);
            BigDecimal reserved = status.equals("OPEN") ? l.quantity() : BigDecimal.ZERO;
            BigDecimal expired = f.expired();
            if (status.equals("CONFIRMED") && l.validUntil() != null && l.validUntil().isBefore(date)
                    && f.balance().signum() > 0) {
                // Past its validity and not swept yet: expired all the same, as work can no longer draw on it.
                expired = expired.add(f.balance());
            }
            BigDecimal bought = f.sold().subtract(f.cancelled());
            BigDecimal consumed = f.drawn().add(f.settled()).subtract(f.returned());
            BigDecimal corrected = f.corrected();
            BigDecimal remaining = bought.subtract(consumed).subtract(reserved).subtract(expired).add(corrected);
            lots.add(new LotStatement(l.saleId(), l.lineId(), l.type(), status, l.soldOn(), l.validUntil(), l.quantity(),
                    Money.of(l.unitPrice(), l.currency()), reserved, consumed, expired, corrected, remaining));
            BigDecimal[] t = byType.computeIfAbsent(l.type(), k -> zeros());
            t[0] = t[0].add(bought);
            t[1] = t[1].add(reserved);
            // The type's consumption counts what work took; a settlement only moves what the overdraft took.
            t[2] = t[2].add(f.drawn()).subtract(f.returned());
            t[3] = t[3].add(expired);
            t[4] = t[4].add(remaining);
            t[5] = t[5].add(corrected);
        }
        for (CreditType type : types(view)) {
            AccountKey overdraft = Stored.overdraftAccount(customerId, type.code());
            if (view.account(overdraft).isEmpty()) {
                continue;
            }
            LotFigures f = LotFigures.of(view.entries(overdraft), null, date);
            BigDecimal[] t = byType.computeIfAbsent(type.code(), k -> zeros());
            t[2] = t[2].add(f.drawn()).subtract(f.returned());
            t[4] = t[4].add(f.balance());
        }
        List<Holding> holdings = new ArrayList<>();
        byType.forEach((type, t) -> holdings.add(new Holding(type, t[0], t[1], t[2], t[3], t[5], t[4])));
        return new Portfolio(customerId, date, Stored.usesCredits(view, customerId), holdings, lots);
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO};
    }

    // ------------------------------------------------------------------ usage (CR-6)

    static UsageReport usage(StoreView view, String customerId, ReportPeriod period) {
        Checks.identifier(customerId, "customer id", org.loyaltyengine.spi.Limits.IDENTIFIER);
        Checks.notNull(period, "report period");
        List<UsageReport.Row> rows = new ArrayList<>();
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        for (Document usage : view.documents(Stored.USAGE, customerId)) {
            for (UsageLine l : Stored.usageLines(usage)) {
                if (!period.contains(l.date())) {
                    continue;
                }
                rows.add(new UsageReport.Row(l.date(), usage.id(), l.lineId(), l.type(), l.description(), l.quantity(),
                        l.covered(), l.billable(), l.creditedBy()));
                BigDecimal[] t = totals.computeIfAbsent(l.type(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                if (l.creditedBy() == null) {
                    t[0] = t[0].add(l.covered());
                    t[1] = t[1].add(l.billable());
                }
            }
        }
        // A correction is no work: listed with what it added (above zero) or took off (below), covering and billing
        // nothing, so the totals of what the credits were used for leave it out.
        for (Document correction : view.documents(Stored.CORRECTION, customerId)) {
            Stored.CorrectionRow c = Stored.correctionRow(correction);
            if (period.contains(c.date())) {
                rows.add(new UsageReport.Row(c.date(), Stored.CORRECTION_LOT + c.correctionId(), "1", c.type(),
                        c.note(), c.quantity(), BigDecimal.ZERO, BigDecimal.ZERO, null));
            }
        }
        rows.sort(java.util.Comparator.comparing(UsageReport.Row::date).thenComparing(UsageReport.Row::document)
                .thenComparing(UsageReport.Row::line));
        List<UsageReport.Total> list = new ArrayList<>();
        totals.forEach((type, t) -> list.add(new UsageReport.Total(type, t[0], t[1])));
        return new UsageReport(customerId, period, rows, list);
    }

    static String usageCsv(UsageReport r) {
        CsvTable csv = CsvTable.withHeader(',', List.of("date", "document", "line", "type", "description", "quantity",
                "covered", "billable", "creditedBy"));
        for (UsageReport.Row row : r.rows()) {
            csv.row(java.util.Arrays.asList(row.date(), row.document(), row.line(), row.type(), row.description(),
                    row.quantity(), row.covered(), row.billable(), row.creditedBy()));
        }
        return csv.toString();
    }

    // ------------------------------------------------------------------ budget (CR-7)

    static Budget budget(StoreView view, String customerId, int year, LocalDate asOf) {
        Checks.date(asOf, "budget date");
        if (year < 1 || year > 9999) {
            throw new InvalidValueException("a budget year is 1 to 9999, was " + year);
        }
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        LocalDate upTo = asOf.isAfter(last) ? last : asOf;
        Portfolio now = portfolio(view, customerId, asOf);
        Map<String, BigDecimal[]> byType = new TreeMap<>();
        for (Lot l : Stored.lotsOf(view, customerId)) {
            LotFigures f = LotFigures.of(view.entries(l.account()), first, upTo);
            BigDecimal[] t = byType.computeIfAbsent(l.type(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            t[0] = t[0].add(f.sold()).subtract(f.cancelled());
            t[1] = t[1].add(f.drawn()).subtract(f.returned());
        }
        Map<String, CreditType> types = new TreeMap<>();
        for (CreditType type : types(view)) {
            types.put(type.code(), type);
            AccountKey overdraft = Stored.overdraftAccount(customerId, type.code());
            if (view.account(overdraft).isPresent()) {
                LotFigures f = LotFigures.of(view.entries(overdraft), first, upTo);
                BigDecimal[] t = byType.computeIfAbsent(type.code(), k -> new BigDecimal[] {BigDecimal.ZERO,
                        BigDecimal.ZERO});
                t[1] = t[1].add(f.drawn()).subtract(f.returned());
            }
        }
        long days = upTo.isBefore(first) ? 0 : ChronoUnit.DAYS.between(first, upTo) + 1;
        int yearLength = first.lengthOfYear();
        List<Budget.Line> lines = new ArrayList<>();
        byType.forEach((type, t) -> {
            BigDecimal consumed = t[1];
            BigDecimal remaining = now.remaining(type);
            BigDecimal daily = days == 0 ? BigDecimal.ZERO
                    : consumed.divide(BigDecimal.valueOf(days), 10, RoundingMode.HALF_UP);
            BigDecimal projected = daily.multiply(BigDecimal.valueOf(yearLength)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal perMonth = daily.multiply(BigDecimal.valueOf(yearLength))
                    .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
            Money face = types.containsKey(type) ? types.get(type).faceValue() : null;
            Money value = face == null ? null : Money.of(projected.multiply(face.amount())
                    .setScale(face.amount().scale(), RoundingMode.HALF_UP), face.currency().getCurrencyCode());
            LocalDate runOut;
            if (remaining.signum() <= 0) {
                runOut = asOf;
            } else if (daily.signum() == 0) {
                runOut = null;
            } else {
                runOut = asOf.plusDays(remaining.divide(daily, 0, RoundingMode.CEILING).longValueExact());
            }
            lines.add(new Budget.Line(type, t[0], consumed, remaining, perMonth, projected, value, runOut));
        });
        return new Budget(customerId, year, asOf, lines);
    }

    static String budgetCsv(Budget b) {
        CsvTable csv = CsvTable.withHeader(',', List.of("year", "type", "bought", "consumed", "remaining",
                "runRatePerMonth", "projectedYear", "projectedValue", "currency", "runOutDate"));
        for (Budget.Line l : b.lines()) {
            csv.row(java.util.Arrays.asList(b.year(), l.type(), l.bought(), l.consumed(), l.remaining(),
                    l.runRatePerMonth(), l.projectedYear(), l.projectedValue() == null ? null : l.projectedValue().amount(),
                    l.projectedValue() == null ? null : l.projectedValue().currency().getCurrencyCode(), l.runOutDate()));
        }
        return csv.toString();
    }

    // ------------------------------------------------------------------ revenue (CR-8)

    /** One movement of deferred revenue of a type on a day. */
    private record Movement(LocalDate date, String type, String currency, int column, BigDecimal amount) {
    }

    static RevenueReport revenue(StoreView view, YearMonth from, YearMonth to) {
        Checks.notNull(from, "first month");
        Checks.notNull(to, "last month");
        if (to.isBefore(from)) {
            throw new InvalidValueException("the revenue report ends in " + to + ", before it starts in " + from);
        }
        if (ChronoUnit.MONTHS.between(from, to) >= 1200) {
            throw new InvalidValueException("a revenue report covers at most 1200 months");
        }
        List<Movement> moves = new ArrayList<>();
        Map<String, String> currencies = new TreeMap<>();
        for (Document sale : view.documents(Stored.SALE, null)) {
            for (Lot l : Stored.lots(sale)) {
                if (l.confirmedOn() == null) {
                    // Never confirmed: an open or cancelled sales document was never deferred revenue.
                    continue;
                }
                currencies.put(l.type(), l.currency());
                BigDecimal price = l.unitPrice();
                moves.add(new Movement(l.confirmedOn(), l.type(), l.currency(), 0, l.quantity().multiply(price)));
                if (l.cancelledOn() != null) {
                    moves.add(new Movement(l.cancelledOn(), l.type(), l.currency(), 0,
                            l.quantity().multiply(price).negate()));
                }
                for (LedgerEntry e : view.entries(l.account())) {
                    BigDecimal value = e.amount().negate().multiply(price);
                    switch (e.kind()) {
                        case CONSUME, SETTLE -> moves.add(new Movement(e.businessDate(), l.type(), l.currency(), 1, value));
                        case REVERSE -> {
                            if (e.amount().signum() > 0) {
                                moves.add(new Movement(e.businessDate(), l.type(), l.currency(), 1, value));
                            }
                        }
                        case EXPIRE -> moves.add(new Movement(e.businessDate(), l.type(), l.currency(), 2, value));
                        // Credits written off by a correction were paid for and will not be used: their deferred
                        // revenue is breakage, as for expiry. What a correction adds is a free lot at price 0.
                        case ADJUST -> {
                            if (e.amount().signum() < 0) {
                                moves.add(new Movement(e.businessDate(), l.type(), l.currency(), 2, value));
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        List<RevenueReport.Row> rows = new ArrayList<>();
        for (String type : new TreeSet<>(currencies.keySet())) {
            BigDecimal opening = BigDecimal.ZERO;
            for (Movement m : moves) {
                if (m.type().equals(type) && YearMonth.from(m.date()).isBefore(from)) {
                    opening = opening.add(m.column() == 0 ? m.amount() : m.amount().negate());
                }
            }
            for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                BigDecimal[] c = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
                for (Movement m : moves) {
                    if (m.type().equals(type) && YearMonth.from(m.date()).equals(month)) {
                        c[m.column()] = c[m.column()].add(m.amount());
                    }
                }
                BigDecimal closing = opening.add(c[0]).subtract(c[1]).subtract(c[2]);
                rows.add(new RevenueReport.Row(month, type, currencies.get(type), opening, c[0], c[1], c[2], closing));
                opening = closing;
            }
        }
        return new RevenueReport(from, to, rows);
    }

    static String revenueCsv(RevenueReport r) {
        CsvTable csv = CsvTable.withHeader(',', List.of("month", "type", "currency", "openingDeferred", "sold",
                "recognised", "expired", "closingDeferred"));
        for (RevenueReport.Row row : r.rows()) {
            csv.row(List.of(row.month(), row.type(), row.currency(), row.openingDeferred(), row.sold(), row.recognised(),
                    row.expired(), row.closingDeferred()));
        }
        return csv.toString();
    }

    static Optional<CreditType> type(StoreView view, String code) {
        Checks.identifier(code, "credit type code", org.loyaltyengine.spi.Limits.UNIT_CODE);
        return Stored.type(view, code);
    }
}
