package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.PermissionRequiredException;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.AccountingPosting;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.PointsMovement;
import org.loyaltyengine.points.PointsReports;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsEntryClass;
import org.loyaltyengine.rules.facts.PointsLedgerResult;
import org.loyaltyengine.rules.facts.PointsRefundResult;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/** The savings-points reports, each one read-only transaction of the store (see {@link PointsReports}). */
public final class DefaultPointsReports implements PointsReports {
    /** The posting of what a points payment at its own rate took beyond or short of the point value (SPEC SP-21). */
    static final String RATE_DIFFERENCE = "RATE_DIFFERENCE";

    private final LoyaltyStore store;
    private final PointsRules rules;
    private final java.time.Clock clock;

    DefaultPointsReports(LoyaltyStore store, PointsRules rules, java.time.Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /** The reports ask for no business date: a program never configured reads the defaults in force today. */
    private PointsSettings settings(StoreView view) {
        return rules.settings(view, LocalDate.now(clock));
    }

    /**
     * Refuses a reader who may not read points (SPEC SP-22), before the store is opened: a refused reader learns
     * nothing, not even whether the customer or booking exists.
     */
    static void requireReader(Actor reader, String what) {
        Checks.notNull(reader, "reader of " + what);
        if (!reader.may(SavingsPoints.READ_PERMISSION) && !reader.may(SavingsPoints.ADMIN_PERMISSION)) {
            throw new PermissionRequiredException(what, reader.user(), SavingsPoints.READ_PERMISSION);
        }
    }

    @Override
    public PointsAnalysis analysis(TenantId tenant, Actor reader, String customerId) {
        requireReader(reader, "the savings-points analysis");
        return analysis(tenant, customerId);
    }

    private PointsAnalysis analysis(TenantId tenant, String customerId) {
        return store.inTransaction(tenant, tx -> {
            tx.customers().find(customerId).orElseThrow(() -> new NoSuchEntityException("customer", customerId));
            StoreView view = StoreView.of(tx);
            PointsSettings settings = settings(view);
            List<LedgerEntry> entries = tx.ledger().entries(SavingsPoints.accountOf(customerId));
            PointsLedgerResult classes = rules.classify(view, entries, LocalDate.now(clock));
            Map<Integer, BigDecimal> revenue = new TreeMap<>();
            for (Document d : tx.documents().list(BookingDocument.TYPE, customerId)) {
                BookingDocument b = BookingDocument.from(d);
                revenue.merge(b.date().getYear(), b.liveTotal(null, null), BigDecimal::add);
            }
            TreeSet<Integer> years = new TreeSet<>(revenue.keySet());
            entries.forEach(e -> years.add(e.businessDate().getYear()));
            List<PointsAnalysis.Year> rows = new ArrayList<>();
            BigDecimal running = BigDecimal.ZERO;
            for (int year : years) {
                BigDecimal earned = sum(entries, classes, PointsEntryClass.EARNED, year);
                BigDecimal used = sum(entries, classes, PointsEntryClass.USED, year).negate();
                BigDecimal expired = sum(entries, classes, PointsEntryClass.EXPIRED, year).negate();
                running = running.add(earned).subtract(used).subtract(expired);
                rows.add(new PointsAnalysis.Year(year, Money.of(revenue.getOrDefault(year, BigDecimal.ZERO),
                        settings.currency()), earned, used, expired, running));
            }
            BigDecimal balance = tx.accounts().find(SavingsPoints.accountOf(customerId)).map(Account::balance)
                    .orElse(BigDecimal.ZERO);
            return new PointsAnalysis(customerId, rows, balance, Money.of(value(balance, settings.pointValue()),
                    settings.currency()));
        });
    }

    @Override
    public String analysisCsv(TenantId tenant, Actor reader, String customerId) {
        PointsAnalysis a = analysis(tenant, reader, customerId);
        return csv(new String[] {"customer", "year", "revenue", "currency", "earned", "used", "expired", "available"},
                a.years().stream().map(y -> List.<Object>of(a.customerId(), y.year(), y.revenue().amount(),
                        y.revenue().currency().getCurrencyCode(), y.earned(), y.used(), y.expired(), y.available()))
                        .toList());
    }

    @Override
    public String statement(TenantId tenant, Actor reader, String customerId) {
        requireReader(reader, "the savings-points statement");
        PointsAnalysis a = analysis(tenant, customerId);
        String name = store.inTransaction(tenant, tx -> tx.customers().find(customerId).orElseThrow().name());
        StringBuilder out = new StringBuilder();
        out.append("Savings points statement: ").append(name).append(" (").append(customerId).append(")\n");
        String row = "%-6s %14s %12s %12s %12s %12s%n";
        out.append(String.format(java.util.Locale.ROOT, row, "year", "revenue", "earned", "used", "expired", "available"));
        for (PointsAnalysis.Year y : a.years()) {
            out.append(String.format(java.util.Locale.ROOT, row, y.year(), y.revenue(), y.earned().toPlainString(),
                    y.used().toPlainString(), y.expired().toPlainString(), y.available().toPlainString()));
        }
        out.append(String.format(java.util.Locale.ROOT, "Balance: %s points, worth %s%n", a.balance().toPlainString(),
                a.balanceValue()));
        return out.toString();
    }

    @Override
    public List<PointsMovement> monthlyList(TenantId tenant, Actor reader, YearMonth month) {
        requireReader(reader, "the savings-points monthly list");
        Checks.notNull(month, "month");
        return store.inTransaction(tenant, tx -> {
            List<LedgerEntry> entries = allEntries(tx).stream()
                    .filter(e -> YearMonth.from(e.businessDate()).equals(month)).toList();
            PointsLedgerResult classes = rules.classify(StoreView.of(tx), entries, LocalDate.now(clock));
            return entries.stream().map(e -> new PointsMovement(e.sequence(), e.businessDate(), e.recordedAt(),
                    e.account().owner(), classOf(classes, e).name(), e.kind().name(), e.amount(), e.document(), e.line(),
                    e.note(), e.actor(), e.rule().ruleSet() + " v" + e.rule().version() + ": " + e.rule().rule()))
                    .toList();
        });
    }

    @Override
    public String monthlyListCsv(TenantId tenant, Actor reader, YearMonth month) {
        return csv(new String[] {"sequence", "date", "customer", "kind", "entry", "points", "document", "line", "note",
                "user", "rule"}, monthlyList(tenant, reader, month).stream().map(m -> java.util.Arrays.<Object>asList(
                        m.sequence(), m.date(), m.customerId(), m.kind(), m.entry(), m.points(), m.document(), m.line(),
                        m.note(), m.user(), m.rule())).toList());
    }

    @Override
    public List<AccountingPosting> accounting(TenantId tenant, Actor reader, LocalDate from, LocalDate to) {
        requireReader(reader, "the savings-points accounting report");
        Checks.notNull(from, "first day of the period");
        Checks.notNull(to, "last day of the period");
        if (from.isAfter(to)) {
            // An empty report for a period given backwards would read as "nothing to post".
            throw new InvalidValueException("the accounting period starts on " + from + ", after its last day " + to
                    + "; give the first day first");
        }
        return store.inTransaction(tenant, tx -> {
            StoreView view = StoreView.of(tx);
            PointsSettings s = settings(view);
            List<String> missing = new ArrayList<>();
            String[][] accounts = {{"liabilityAccount", s.liabilityAccount()}, {"expenseAccount", s.expenseAccount()},
                    {"receivableAccount", s.receivableAccount()}, {"expiryRevenueAccount", s.expiryRevenueAccount()}};
            for (String[] a : accounts) {
                if (a[1] == null) {
                    missing.add(a[0]);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidValueException("configure the savings-points bookkeeping accounts " + missing
                        + " before running the accounting report");
            }
            TreeMap<LocalDate, BigDecimal> rates = RateDocument.byDate(tx.documents().list(RateDocument.TYPE, null));
            List<AccountingPosting> postings = new ArrayList<>();
            List<LedgerEntry> all = allEntries(tx);
            List<LedgerEntry> inPeriod = all.stream()
                    .filter(e -> !e.businessDate().isBefore(from) && !e.businessDate().isAfter(to)).toList();
            PointsLedgerResult classes = rules.classify(view, inPeriod, LocalDate.now(clock));
            Map<String, java.util.Optional<BookingDocument>> bookings = new java.util.HashMap<>();
            for (LedgerEntry e : inPeriod) {
                String counter = switch (classOf(classes, e)) {
                    case EARNED -> s.expenseAccount();
                    case USED -> s.receivableAccount();
                    case EXPIRED -> s.expiryRevenueAccount();
                };
                BigDecimal rate = rateOn(rates, e.businessDate());
                BigDecimal own = ownRate(tx, bookings, e);
                BigDecimal valueBack = valueGivenBack(tx, e);
                if (valueBack != null && value(e.amount(), rate).compareTo(valueBack) != 0) {
                    // Points paid come back at the booking's own rate (SPEC X-13, SP-21), not at the point value
                    // of the day: the receivable takes back the value the payment paid it, the points go back
                    // into the liability at the point value, and the difference goes to the expense account, as
                    // for the payment. So a booking paid at a rate of its own and cancelled nets to zero on the
                    // receivable and on the expense account.
                    BigDecimal backAt = valueBack.divide(e.amount(), 6, RoundingMode.HALF_UP);
                    // the points come back: both postings raise the liability, the difference by its sign
                    postings.add(posting(e.sequence(), e.businessDate(), e.account().owner(), e.document(),
                            e.kind().name(), e.amount(), backAt, valueBack, true, s, s.receivableAccount()));
                    BigDecimal difference = value(e.amount(), rate).subtract(valueBack);
                    postings.add(posting(e.sequence(), e.businessDate(), e.account().owner(), e.document(),
                            RATE_DIFFERENCE, e.amount(), rate.subtract(backAt), difference.abs(),
                            difference.signum() > 0, s, s.expenseAccount()));
                } else if (own == null) {
                    postings.add(posting(e.sequence(), e.businessDate(), e.account().owner(), e.document(),
                            e.kind().name(), e.amount(), rate, s, counter));
                } else {
                    // A payment at its own rate (SPEC SP-21) pays the receivable what the points paid at that
                    // rate; the points leave the liability at the value it carries them at, and the difference
                    // goes to the expense account, so the liability still moves by points x point value.
                    postings.add(posting(e.sequence(), e.businessDate(), e.account().owner(), e.document(),
                            e.kind().name(), e.amount(), own, s, counter));
                    BigDecimal difference = rate.subtract(own);
                    if (difference.signum() != 0) {
                        postings.add(posting(e.sequence(), e.businessDate(), e.account().owner(), e.document(),
                                RATE_DIFFERENCE, e.amount(), difference, s, s.expenseAccount()));
                    }
                }
            }
            BigDecimal previous = BigDecimal.ONE;
            for (Map.Entry<LocalDate, BigDecimal> change : rates.entrySet()) {
                LocalDate day = change.getKey();
                BigDecimal delta = change.getValue().subtract(previous);
                previous = change.getValue();
                if (day.isBefore(from) || day.isAfter(to) || delta.signum() == 0) {
                    continue;
                }
                Map<String, BigDecimal> unspent = new TreeMap<>();
                all.stream().filter(e -> e.businessDate().isBefore(day))
                        .forEach(e -> unspent.merge(e.account().owner(), e.amount(), BigDecimal::add));
                unspent.forEach((customer, points) -> {
                    if (points.signum() != 0) {
                        postings.add(posting(0, day, customer, null, "REVALUE", points, delta, s, s.expenseAccount()));
                    }
                });
            }
            return postings;
        });
    }

    @Override
    public String accountingCsv(TenantId tenant, Actor reader, LocalDate from, LocalDate to) {
        return csv(new String[] {"sequence", "date", "customer", "document", "entry", "debit", "credit", "points",
                "pointValue", "value", "currency"}, accounting(tenant, reader, from, to).stream().map(p -> java.util.Arrays
                        .<Object>asList(p.sequence(), p.date(), p.customerId(), p.document(), p.entry(),
                                p.debitAccount(), p.creditAccount(), p.points(), p.pointValue(), p.value().amount(),
                                p.value().currency().getCurrencyCode())).toList());
    }

    // A positive movement raises the points liability (credit) against its counter account; a negative
    // one lowers it (debit). Either way one amount is debited and credited, so every posting balances.
    private static AccountingPosting posting(long sequence, LocalDate date, String customer, String document,
                                             String entry, BigDecimal points, BigDecimal rate, PointsSettings s,
                                             String counter) {
        return posting(sequence, date, customer, document, entry, points, rate, value(points, rate).abs(),
                points.signum() * rate.signum() > 0, s, counter);
    }

    /** A posting of a value worked out beforehand: {@code raises} credits the liability, else debits it. */
    private static AccountingPosting posting(long sequence, LocalDate date, String customer, String document,
                                             String entry, BigDecimal points, BigDecimal rate, BigDecimal value,
                                             boolean raises, PointsSettings s, String counter) {
        return new AccountingPosting(sequence, date, customer, document, entry,
                raises ? counter : s.liabilityAccount(), raises ? s.liabilityAccount() : counter, points, rate,
                Money.of(value, s.currency()));
    }

    /**
     * The money value a give-back entry returned (the {@link PointsRefundResult} of the command that wrote it, as
     * the store kept its outcome); null for any other entry, or when the command gave back points on several
     * entries (then the value is not one entry's).
     */
    private static BigDecimal valueGivenBack(StoreTransaction tx, LedgerEntry e) {
        if (e.kind() != org.loyaltyengine.spi.EntryKind.REVERSE || !SavingsPoints.REFUND_LINE.equals(e.line())
                || e.idempotencyKey() == null || e.amount().signum() <= 0) {
            return null;
        }
        return tx.outcomes().find(org.loyaltyengine.spi.IdempotencyKey.of(e.idempotencyKey()))
                .map(org.loyaltyengine.spi.StoredOutcome::outcome)
                .filter(o -> o.entries().stream().filter(x -> SavingsPoints.REFUND_LINE.equals(x.line())).count() == 1)
                .flatMap(o -> o.result(PointsRefundResult.class))
                .filter(r -> r.points().compareTo(e.amount()) == 0)
                .map(PointsRefundResult::value).orElse(null);
    }

    /** The rate a points payment's entry took its points at, when the payment gave its own (SPEC SP-21); else null. */
    private static BigDecimal ownRate(StoreTransaction tx, Map<String, java.util.Optional<BookingDocument>> bookings,
                                      LedgerEntry e) {
        if (e.kind() != org.loyaltyengine.spi.EntryKind.REDEEM || e.document() == null || e.idempotencyKey() == null) {
            return null;
        }
        return bookings.computeIfAbsent(e.document(), id -> tx.documents().find(BookingDocument.TYPE, id)
                        .map(BookingDocument::from))
                .map(b -> b.ownRateOf(e.idempotencyKey())).orElse(null);
    }

    /** The entries of one class dated in {@code year}, added up. */
    private static BigDecimal sum(List<LedgerEntry> entries, PointsLedgerResult classes, PointsEntryClass which,
                                  int year) {
        return entries.stream().filter(e -> e.businessDate().getYear() == year && classOf(classes, e) == which)
                .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The class the rules gave the entry ({@link PointsRules#classify} gives every entry one). */
    private static PointsEntryClass classOf(PointsLedgerResult classes, LedgerEntry e) {
        return classes.classOf(e.sequence());
    }

    private static BigDecimal rateOn(TreeMap<LocalDate, BigDecimal> rates, LocalDate day) {
        Map.Entry<LocalDate, BigDecimal> r = rates.floorEntry(day);
        return r == null ? BigDecimal.ONE : r.getValue();
    }

    private static BigDecimal value(BigDecimal points, BigDecimal rate) {
        return points.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static List<LedgerEntry> allEntries(StoreTransaction tx) {
        List<LedgerEntry> all = new ArrayList<>();
        for (Account a : tx.accounts().ofProgram(SavingsPoints.PROGRAM)) {
            all.addAll(tx.ledger().entries(a.key()));
        }
        all.sort(Comparator.comparingLong(LedgerEntry::sequence));
        return all;
    }

    /** Every report's CSV goes through the one writer, which neutralises cells a spreadsheet would run. */
    private static String csv(String[] header, List<List<Object>> rows) {
        CsvTable table = CsvTable.withHeader(',', List.of(header));
        rows.forEach(table::row);
        return table.toString();
    }
}
