package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
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
import org.loyaltyengine.credits.LotStatement;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.rules.facts.CreditReturned;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.credits.CreditArbitraries.Kind;
import org.loyaltyengine.testing.credits.CreditArbitraries.Step;

/**
 * The prepaid credits properties (SPEC CR-3, CR-4, CR-5, CR-8, X-13, X-3) over random runs of commands: three
 * credit types (hours in fractions at 80.00, tickets whole at 25.00, copies whole at 0.10), two customers who use
 * credits and one who does not, sales of one or two lots at a discount (free now and then, above the face value
 * now and then), with and without validity, left open, confirmed and cancelled; work on every kind of document and
 * by hand, lines bigger than what is left (billed, or into a negative balance where the policy of the run allows
 * it), whole types asked in fractions, a line registered twice; credit notes on consuming lines, a line credited
 * again; the clock moved forward with and without the expiry sweep.
 *
 * <p>The test keeps its own model of every lot and every consuming line, from what it asked and what the outcomes
 * reported; what a command should do is worked out from that model before it runs (first in, first out by
 * validity, then sale), never from the engine's figures. After every step:
 *
 * <ul>
 *   <li>CR-3/CR-5: per customer and type, the portfolio's bought, reserved, consumed, expired and remaining are the
 *       model's, and remaining == bought - consumed - reserved - expired (a credited consumption no longer
 *       consumed); so is every lot's statement; and what remains is never more than the lots hold (credits are only
 *       on lots, whose revenue is deferred: beyond them a customer can only owe);</li>
 *   <li>CR-8: over the whole run, the revenue report's recognised + breakage + closing deferred == what was paid for
 *       the confirmed lots, each column the model's;</li>
 *   <li>CR-4/CR-8: work draws exactly the model's first-in-first-out draws, and no line draws a later lot while an
 *       earlier usable one still had credits;</li>
 *   <li>X-3: an applied command wrote exactly the entries its outcome reports, and those are the ones the model
 *       expects; a refused or rejected command changed nothing of the tenant;</li>
 *   <li>X-13: per consuming document line, what credit notes gave back never exceeds what the line consumed
 *       (read from the ledger); overdrawn work a lot settled since goes back to that lot, the lot settled last
 *       first.</li>
 * </ul>
 *
 * <p>Abstract so that every store runs it: the tries come from the concrete class ({@code @PropertyDefaults}),
 * fewer on a database.
 */
public abstract class CreditProperties {
    private static final List<DefineType> TYPES = List.of(CreditArbitraries.HOUR, CreditArbitraries.TICKET,
            CreditArbitraries.COPY);
    private static final List<String> CUSTOMERS = List.of("C1", "C2", "C3");
    private static final List<Source> WORK_SOURCES = List.of(Source.INVOICE, Source.DELIVERY_NOTE, Source.CASH_SALE,
            Source.SERVICE_REPORT, Source.HELPDESK_TICKET, Source.EVENT);
    private static final List<String> DOCUMENT_TYPES = List.of("credits-type", "credits-customer", "credits-sale",
            "credits-usage");
    private static final Actor OFFICE = Actor.of("office", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
            Credits.SETTINGS_PERMISSION, Credits.MANUAL_PERMISSION);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private LoyaltyStore store;
    private LoyaltyEngine engine;

    /** The store under test: a new one, or a shared one (each try works in a tenant of its own). */
    protected abstract LoyaltyStore newStore();

    @Provide
    Arbitrary<Step> step() {
        return CreditArbitraries.steps();
    }

    /** The sales a run opens with, mostly of the customers who use credits; each is confirmed unless its mode is 6 or 7. */
    @Provide
    Arbitrary<List<Step>> opening() {
        return CreditArbitraries.steps().map(s -> new Step(Kind.SELL, s.customer() % 2 == 0 && s.pick() % 5 != 0 ? 0 : 1,
                s.type(), s.quantity(), s.percent(), s.days(), s.pick(), s.mode())).list().ofMinSize(1).ofMaxSize(4);
    }

    /** 0: the rule set's defaults; 1..4: configured (price above face value allowed?, negative balance allowed?). */
    @Provide
    Arbitrary<Integer> policy() {
        return Arbitraries.integers().between(0, 4);
    }

    // ------------------------------------------------------------------ the model

    /** One lot as the test knows it. */
    private static final class LotModel {
        final String sale;
        final String line;
        final String customer;
        final String type;
        final BigDecimal quantity;
        final BigDecimal price;
        final LocalDate soldOn;
        final LocalDate validUntil;
        String status = "OPEN";
        /** What the lot's account holds: sold, less what was drawn, settled, cancelled and swept, plus what came back. */
        BigDecimal balance;
        BigDecimal drawn = BigDecimal.ZERO;
        BigDecimal settled = BigDecimal.ZERO;
        BigDecimal returned = BigDecimal.ZERO;
        BigDecimal swept = BigDecimal.ZERO;

        LotModel(String sale, String line, String customer, String type, BigDecimal quantity, BigDecimal price,
                 LocalDate soldOn, LocalDate validUntil) {
            this.sale = sale;
            this.line = line;
            this.customer = customer;
            this.type = type;
            this.quantity = quantity;
            this.price = price;
            this.soldOn = soldOn;
            this.validUntil = validUntil;
            this.balance = quantity;
        }

        String lot() {
            return sale + "/" + line;
        }

        boolean usable(LocalDate d) {
            return status.equals("CONFIRMED") && (validUntil == null || !validUntil.isBefore(d));
        }

        boolean past(LocalDate d) {
            return status.equals("CONFIRMED") && validUntil != null && validUntil.isBefore(d);
        }

        BigDecimal bought() {
            return status.equals("CANCELLED") ? BigDecimal.ZERO : quantity;
        }

        BigDecimal reserved() {
            return status.equals("OPEN") ? quantity : BigDecimal.ZERO;
        }

        BigDecimal consumed() {
            return drawn.add(settled).subtract(returned);
        }

        /** Swept, and what is left past the validity that the sweep has not booked yet. */
        BigDecimal expired(LocalDate d) {
            return swept.add(past(d) ? balance : BigDecimal.ZERO);
        }

        BigDecimal remaining(LocalDate d) {
            return bought().subtract(consumed()).subtract(reserved()).subtract(expired(d));
        }
    }

    /** First in, first out: the soonest end of validity first (none last), then the sale date, sale and line. */
    private static final Comparator<LotModel> FIFO = Comparator
            .comparing((LotModel l) -> l.validUntil, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(l -> l.soldOn).thenComparing(l -> l.sale).thenComparing(l -> l.line);

    /** One consuming line as the test knows it: what it drew from which lot, what went negative, who credited it. */
    private static final class UseLine {
        final String line;
        final String type;
        final Map<String, BigDecimal> draws;
        final BigDecimal overdrawn;
        String creditedBy;

        UseLine(String line, String type, Map<String, BigDecimal> draws, BigDecimal overdrawn) {
            this.line = line;
            this.type = type;
            this.draws = draws;
            this.overdrawn = overdrawn;
        }

        boolean givesBack() {
            return !draws.isEmpty() || overdrawn.signum() > 0;
        }

        BigDecimal covered() {
            return draws.values().stream().reduce(overdrawn, BigDecimal::add);
        }
    }

    /** A document work was registered on; its lines kept only for a customer who uses credits. */
    private record Doc(String customer, SourceDocument source, Map<String, UseLine> lines) {
    }

    /** A run: its tenant, policy, date, and the model. */
    private final class Run {
        final TenantId tenant = TenantId.of("cr-" + UUID.randomUUID().toString().substring(0, 12));
        final AtomicLong keys = new AtomicLong();
        final boolean priceAbove;
        final boolean negative;
        final LocalDate start;
        LocalDate date;
        final Map<String, LotModel> lots = new LinkedHashMap<>();
        final Map<String, List<LotModel>> sales = new LinkedHashMap<>();
        final Map<String, BigDecimal> overdraft = new HashMap<>();
        /** Per customer and type, the lots that settled a debt, in the order they first did. */
        final Map<String, List<LotModel>> settledBy = new HashMap<>();
        final Map<String, Doc> docs = new LinkedHashMap<>();
        /** A credit note's entry document to the reference it credits. */
        final Map<String, String> notes = new HashMap<>();
        int saleCount;
        int docCount;
        int lineCount;
        int noteCount;

        Run(int policy) {
            this.priceAbove = policy == 2 || policy == 4;
            this.negative = policy == 3 || policy == 4;
            this.start = today();
            this.date = start;
        }

        CommandContext next() {
            return CommandContext.of(tenant, OFFICE, "k" + keys.incrementAndGet(), date);
        }

        boolean usesCredits(String customer) {
            return !customer.equals("C3");
        }

        BigDecimal owed(String customer, String type) {
            return overdraft.getOrDefault(customer + "|" + type, BigDecimal.ZERO);
        }

        void owe(String customer, String type, BigDecimal change) {
            overdraft.merge(customer + "|" + type, change, BigDecimal::add);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** What a step asked and what it expects. Null for a step not sent (refused by its request, or nothing to do). */
    private record Expect(Outcome outcome, Set<String> rejections, List<String> entries) {
    }

    // ------------------------------------------------------------------ the property

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Tag("CR-3")
    @Tag("CR-4")
    @Tag("CR-5")
    @Tag("CR-8")
    @Tag("X-13")
    @Tag("X-3")
    void anyRun_portfolioRevenueFifoAndCreditNotesAgreeWithTheModel(
            @ForAll("opening") List<Step> opening, @ForAll @Size(min = 15, max = 40) List<@From("step") Step> later,
            @ForAll("policy") int policy) {
        List<Step> steps = new ArrayList<>();
        for (Step o : opening) {
            steps.add(o);
            if (o.mode() < 6) {
                steps.add(new Step(Kind.CONFIRM, 0, 0, 0, 0, 0, o.pick(), 0));
            }
        }
        steps.addAll(later);
        if (engine == null) {
            store = newStore();
            engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        }
        Credits credits = engine.credits();
        Run run = new Run(policy);
        for (DefineType t : TYPES) {
            assertTrue(credits.defineType(run.next(), t).applied());
        }
        assertTrue(credits.useCredits(run.next(), new UseCredits("C1", true)).applied());
        assertTrue(credits.useCredits(run.next(), new UseCredits("C2", true)).applied());
        if (policy % 2 == 1) {
            // Registered as a customer without credits, or never registered: the same to the program.
            assertTrue(credits.useCredits(run.next(), new UseCredits("C3", false)).applied());
        }
        if (policy > 0) {
            assertTrue(credits.configure(run.next(), new Configure(run.priceAbove, run.negative)).applied());
        }

        for (int n = 0; n < steps.size(); n++) {
            Step s = steps.get(n);
            String step = s + " on " + run.date;
            State before = state(run.tenant);
            Expect e = switch (s.kind()) {
                case SELL -> sell(credits, run, s, step);
                case CONFIRM, CANCEL -> move(credits, run, s, step);
                case WORK, MANUAL -> work(credits, run, s, step);
                case CREDIT_NOTE, CREDIT_AGAIN -> creditNote(credits, run, s, step);
                case EXPIRE -> expire(credits, run, s);
                case ADVANCE -> {
                    advance(run, s.days());
                    yield null;
                }
            };
            State after = state(run.tenant);
            if (e == null) {
                assertEquals(before.parts(), after.parts(), () -> step + ": a step not sent changed the tenant");
                Statistics.label("outcomes").collect(s.kind() + " not sent");
            } else {
                Outcome o = e.outcome();
                Statistics.label("outcomes").collect(s.kind() + " " + (o.applied() ? "applied"
                        : o.reasonCodes().stream().distinct().sorted().toList()));
                checkEntries(o, e, before, after, step);
            }
            for (Map.Entry<AccountKey, List<LedgerEntry>> a : after.ledger().entrySet()) {
                LedgerInvariants.assertBalanced(store, run.tenant, a.getKey(), a.getValue(), step);
            }
            checkPortfolios(credits, run, step);
            if (n % 3 == 2 || n == steps.size() - 1 || s.kind() == Kind.EXPIRE) {
                // The report reads every lot of the tenant: every third step, after a sweep, and at the end.
                checkRevenue(credits, run, step);
            }
            checkCreditNotes(run, after, step);
        }
    }

    // ------------------------------------------------------------------ the steps

    private Expect sell(Credits credits, Run run, Step s, String step) {
        String customer = CUSTOMERS.get(s.customer());
        boolean resell = s.mode() == 6 && !run.sales.isEmpty();
        String saleId = resell ? List.copyOf(run.sales.keySet()).get(s.pick() % run.sales.size())
                : String.format("S%03d", run.saleCount + 1);
        int count = 1 + s.mode() % 2;
        List<SaleLine> lines = new ArrayList<>();
        Set<String> reasons = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            DefineType type = TYPES.get((s.type() + i) % TYPES.size());
            int raw = i == 0 ? s.quantity() : (s.quantity() * 31 + 17) % 1600 + 1;
            // A lot holds several times what a line of work asks, so that work mostly draws and now and then
            // runs a lot dry.
            BigDecimal quantity = CreditArbitraries.quantity(type, raw, false).multiply(BigDecimal.valueOf(3))
                    .add(i == 0 && s.mode() == 7 && raw != 0 ? new BigDecimal("0.5") : BigDecimal.ZERO);
            Money price = CreditArbitraries.price(type, s.percent());
            LocalDate until = s.days() >= 99 || (i == 1 && s.pick() % 3 == 0) ? null : run.date.plusDays(s.days());
            String lineId = String.valueOf((char) ('a' + i));
            if (quantity.signum() == 0) {
                assertThrows(InvalidValueException.class, () -> new SaleLine(lineId, type.code(), quantity, price, until),
                        step);
                return null;
            }
            lines.add(new SaleLine(lineId, type.code(), quantity, price, until));
            if (type.counting() == Counting.WHOLE && quantity.stripTrailingZeros().scale() > 0) {
                reasons.add("FRACTIONAL_QUANTITY");
            }
            if (price.amount().compareTo(type.faceValue().amount()) > 0 && !run.priceAbove) {
                reasons.add("PRICE_ABOVE_FACE_VALUE");
            }
        }
        if (resell) {
            reasons.add("SALE_EXISTS");
        }
        if (!run.usesCredits(customer)) {
            reasons.add("CUSTOMER_WITHOUT_CREDITS");
        }
        Outcome o = credits.sell(run.next(), new Sell(saleId, customer, lines));
        List<String> entries = new ArrayList<>();
        if (reasons.isEmpty() && o.applied()) {
            run.saleCount++;
            List<LotModel> lots = new ArrayList<>();
            for (SaleLine l : lines) {
                LotModel lot = new LotModel(saleId, l.lineId(), customer, l.type(), l.quantity(), l.unitPrice().amount(),
                        run.date, l.validUntil());
                lots.add(lot);
                run.lots.put(lot.lot(), lot);
                entries.add(entry(EntryKind.TOP_UP, saleId, l.lineId(), l.quantity()));
            }
            run.sales.put(saleId, lots);
        }
        return new Expect(o, reasons, entries);
    }

    private Expect move(Credits credits, Run run, Step s, String step) {
        boolean confirm = s.kind() == Kind.CONFIRM;
        if (run.sales.isEmpty() || s.mode() == 7) {
            String unknown = "S999";
            CommandContext ctx = run.next();
            NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> {
                if (confirm) {
                    credits.confirmSale(ctx, new ConfirmSale(unknown));
                } else {
                    credits.cancelSale(ctx, new CancelSale(unknown));
                }
            }, step);
            assertEquals("NO_SUCH_SALE", e.code(), step);
            return null;
        }
        // Mostly an open sale is confirmed, so that most runs have credits to use.
        List<String> pool = new ArrayList<>(run.sales.keySet());
        List<String> open = pool.stream().filter(id -> run.sales.get(id).get(0).status.equals("OPEN")).toList();
        String saleId = confirm && !open.isEmpty() && s.mode() < 5 ? open.get(s.pick() % open.size())
                : pool.get(s.pick() % pool.size());
        List<LotModel> lots = run.sales.get(saleId);
        String status = lots.get(0).status;
        Set<String> reasons = new TreeSet<>();
        List<String> entries = new ArrayList<>();
        if (status.equals("CANCELLED")) {
            reasons.add("SALE_CANCELLED");
        } else if (confirm && status.equals("CONFIRMED")) {
            reasons.add("SALE_ALREADY_CONFIRMED");
        } else if (!confirm && status.equals("CONFIRMED") && lots.stream().anyMatch(l -> l.balance.compareTo(l.quantity) < 0)) {
            reasons.add("LOT_CONSUMED");
        }
        Outcome o = confirm ? credits.confirmSale(run.next(), new ConfirmSale(saleId))
                : credits.cancelSale(run.next(), new CancelSale(saleId));
        if (!reasons.isEmpty() || !o.applied()) {
            return new Expect(o, reasons, entries);
        }
        if (confirm) {
            // What the customer owes of a type is settled from the sale's lots of that type, in the sale's order.
            Map<String, BigDecimal> owed = new HashMap<>();
            for (LotModel l : lots) {
                BigDecimal left = owed.computeIfAbsent(l.type, t -> run.owed(l.customer, t).negate().max(BigDecimal.ZERO));
                BigDecimal settle = left.min(l.quantity);
                if (settle.signum() > 0) {
                    owed.put(l.type, left.subtract(settle));
                    l.settled = l.settled.add(settle);
                    l.balance = l.balance.subtract(settle);
                    run.owe(l.customer, l.type, settle);
                    List<LotModel> by = run.settledBy.computeIfAbsent(l.customer + "|" + l.type, k -> new ArrayList<>());
                    if (!by.contains(l)) {
                        by.add(l);
                    }
                    entries.add(entry(EntryKind.SETTLE, saleId, l.line, settle));
                    entries.add(entry(EntryKind.SETTLE, saleId, l.line, settle.negate()));
                    Statistics.label("cases").collect("confirm settled a negative balance");
                }
                l.status = "CONFIRMED";
            }
        } else {
            for (LotModel l : lots) {
                entries.add(entry(EntryKind.REVERSE, saleId, l.line, l.quantity.negate()));
                l.balance = BigDecimal.ZERO;
                l.status = "CANCELLED";
            }
        }
        return new Expect(o, reasons, entries);
    }

    private Expect work(Credits credits, Run run, Step s, String step) {
        String customer = CUSTOMERS.get(s.customer());
        boolean uses = run.usesCredits(customer);
        List<Doc> own = run.docs.values().stream().filter(d -> d.customer().equals(customer)).toList();
        Doc doc;
        if (s.mode() <= 1 && !own.isEmpty()) {
            doc = own.get(s.pick() % own.size());
        } else {
            Source kind = s.kind() == Kind.MANUAL ? Source.MANUAL : WORK_SOURCES.get(s.pick() % WORK_SOURCES.size());
            doc = new Doc(customer, new SourceDocument(kind, "D" + (run.docCount + 1)), new LinkedHashMap<>());
        }
        int count = 1 + s.mode() % 2;
        List<WorkLine> lines = new ArrayList<>();
        Set<String> reasons = new TreeSet<>();
        // Mostly the work is of a type the customer has credits of, so that it draws on lots.
        List<String> held = run.lots.values().stream().filter(x -> x.customer.equals(customer) && x.usable(run.date)
                && x.balance.signum() > 0).map(x -> x.type).distinct().sorted().toList();
        int first = held.isEmpty() || s.pick() % 4 == 0 ? s.type()
                : TYPES.indexOf(TYPES.stream().filter(t -> t.code().equals(held.get(s.pick() % held.size()))).findFirst()
                .orElseThrow());
        for (int i = 0; i < count; i++) {
            // A second line of the same type half the time: a document's lines draw one after the other.
            DefineType type = TYPES.get((first + (s.percent() % 2 == 0 ? 0 : i)) % TYPES.size());
            int raw = i == 0 ? s.quantity() : (s.quantity() * 31 + i * 17) % 1600 + 1;
            // Mode 3: a big job, mostly more than one lot holds.
            BigDecimal quantity = CreditArbitraries.quantity(type, raw, i == 0 && s.mode() == 7)
                    .multiply(BigDecimal.valueOf(s.mode() == 3 ? 5 : 1));
            Money price = s.mode() == 5 ? CreditArbitraries.price(type, 110) : null;
            // Now and then the first line is one the document consumed on before.
            String lineId = i == 0 && s.mode() == 0 && !doc.lines().isEmpty()
                    ? List.copyOf(doc.lines().keySet()).get(s.pick() % doc.lines().size()) : "w" + (run.lineCount + i + 1);
            if (quantity.signum() == 0) {
                assertThrows(InvalidValueException.class, () -> new WorkLine(lineId, type.code(), quantity, "work", price),
                        step);
                return null;
            }
            lines.add(new WorkLine(lineId, type.code(), quantity, "work " + i, price));
            if (type.counting() == Counting.WHOLE && quantity.stripTrailingZeros().scale() > 0) {
                reasons.add("FRACTIONAL_QUANTITY");
            }
            if (doc.lines().containsKey(lineId)) {
                reasons.add("LINE_ALREADY_CONSUMED");
            }
        }
        String note = doc.source().kind() == Source.MANUAL ? "registered by hand" : null;
        Outcome o = credits.consume(run.next(), new Consume(customer, doc.source(), lines, note));
        if (!reasons.isEmpty() || !o.applied()) {
            return new Expect(o, reasons, List.of());
        }
        run.lineCount += count;
        run.docs.putIfAbsent(doc.source().reference(), doc);
        if (doc.source().documentId().equals("D" + (run.docCount + 1))) {
            run.docCount++;
        }
        CreditWorkAnswer answer = o.result(CreditWorkAnswer.class).orElseThrow(() -> new AssertionError(step
                + ": applied work without an answer"));
        List<String> entries = new ArrayList<>();
        String ref = doc.source().reference();
        for (WorkLine l : lines) {
            DefineType type = TYPES.stream().filter(t -> t.code().equals(l.type())).findFirst().orElseThrow();
            BigDecimal price = l.unitPrice() == null ? type.faceValue().amount() : l.unitPrice().amount();
            String where = step + ", line " + l.lineId();
            if (!uses) {
                same(l.quantity(), answer.billableOf(l.lineId()), () -> where + ": billable, no credits");
                same(l.quantity().multiply(price).setScale(2, RoundingMode.HALF_UP), answer.billableAmountOf(l.lineId()),
                        () -> where + ": billable amount, no credits");
                same(BigDecimal.ZERO, answer.coveredOf(l.lineId()), () -> where + ": covered, no credits");
                continue;
            }
            // The model's first in, first out: the usable lots of the type, in order, each as far as it goes.
            List<LotModel> usable = run.lots.values().stream().filter(x -> x.customer.equals(customer)
                    && x.type.equals(l.type()) && x.usable(run.date) && x.balance.signum() > 0).sorted(FIFO).toList();
            BigDecimal need = l.quantity();
            Map<String, BigDecimal> draws = new TreeMap<>();
            for (LotModel x : usable) {
                if (need.signum() == 0) {
                    break;
                }
                BigDecimal d = need.min(x.balance);
                draws.put(x.lot(), d);
                need = need.subtract(d);
            }
            assertFifo(answer.drawsOf(l.lineId()), usable, where);
            assertEquals(plain(draws), plain(answer.drawsOf(l.lineId())), () -> where + ": drawn first in, first out");
            BigDecimal overdrawn = run.negative ? need : BigDecimal.ZERO;
            BigDecimal billable = run.negative ? BigDecimal.ZERO : need;
            same(l.quantity().subtract(billable), answer.coveredOf(l.lineId()), () -> where + ": covered");
            same(billable, answer.billableOf(l.lineId()), () -> where + ": billable");
            same(billable.multiply(price).setScale(2, RoundingMode.HALF_UP), answer.billableAmountOf(l.lineId()),
                    () -> where + ": billable amount");
            same(overdrawn, answer.overdrawn().getOrDefault(l.lineId(), BigDecimal.ZERO), () -> where + ": overdrawn");
            draws.forEach((lot, d) -> {
                LotModel x = run.lots.get(lot);
                x.balance = x.balance.subtract(d);
                x.drawn = x.drawn.add(d);
                entries.add(entry(EntryKind.CONSUME, ref, l.lineId(), d.negate()));
            });
            if (overdrawn.signum() > 0) {
                run.owe(customer, l.type(), overdrawn.negate());
                entries.add(entry(EntryKind.CONSUME, ref, l.lineId(), overdrawn.negate()));
            }
            doc.lines().put(l.lineId(), new UseLine(l.lineId(), l.type(), draws, overdrawn));
            Statistics.label("cases").collect("work drew " + Math.min(draws.size(), 2) + " lots"
                    + (billable.signum() > 0 ? ", rest billed" : "") + (overdrawn.signum() > 0 ? ", rest negative" : ""));
        }
        return new Expect(o, reasons, entries);
    }

    /**
     * First in, first out, on the answer itself: a line draws a lot only when every usable lot before it in the
     * order is drawn to its end by that line (it had nothing left after, or gave all it had).
     */
    private static void assertFifo(Map<String, BigDecimal> drawn, List<LotModel> usable, String where) {
        int last = -1;
        for (int i = 0; i < usable.size(); i++) {
            if (drawn.containsKey(usable.get(i).lot())) {
                last = i;
            }
        }
        for (int i = 0; i < last; i++) {
            LotModel earlier = usable.get(i);
            BigDecimal took = drawn.getOrDefault(earlier.lot(), BigDecimal.ZERO);
            int at = last;
            assertEquals(0, took.compareTo(earlier.balance), () -> where + ": drew lot " + usable.get(at).lot()
                    + " while the earlier lot " + earlier.lot() + " kept " + earlier.balance.subtract(took));
        }
        for (String lot : drawn.keySet()) {
            assertTrue(usable.stream().anyMatch(x -> x.lot().equals(lot)), () -> where + ": drew lot " + lot
                    + ", which was not usable");
        }
    }

    private Expect creditNote(Credits credits, Run run, Step s, String step) {
        List<String> lines = new ArrayList<>();
        Doc doc;
        if (s.kind() == Kind.CREDIT_AGAIN) {
            List<Doc> credited = run.docs.values().stream()
                    .filter(d -> d.lines().values().stream().anyMatch(l -> l.creditedBy != null)).toList();
            if (credited.isEmpty()) {
                return null;
            }
            doc = credited.get(s.pick() % credited.size());
            List<String> again = doc.lines().values().stream().filter(l -> l.creditedBy != null).map(l -> l.line).toList();
            lines.add(again.get(s.quantity() % again.size()));
        } else {
            if (run.docs.isEmpty()) {
                return null;
            }
            doc = List.copyOf(run.docs.values()).get(s.pick() % run.docs.size());
            List<String> ids = List.copyOf(doc.lines().keySet());
            for (int i = 0; i <= s.mode() % 2 && !ids.isEmpty(); i++) {
                String id = ids.get((s.quantity() + i) % ids.size());
                if (!lines.contains(id)) {
                    lines.add(id);
                }
            }
        }
        if (s.mode() == 3 || lines.isEmpty()) {
            // A line the document does not have is passed by.
            lines.add("no-such-line");
        }
        String noteId = "N" + (++run.noteCount);
        String reference = doc.source().reference();
        Set<String> reasons = new TreeSet<>();
        List<String> entries = new ArrayList<>();
        Map<String, BigDecimal> back = new TreeMap<>();
        for (String id : lines) {
            UseLine l = doc.lines().get(id);
            if (l == null || !l.givesBack()) {
                continue;
            }
            if (l.creditedBy != null) {
                reasons.add("ALREADY_CREDITED");
            }
            back.put(id, l.covered());
            l.draws.forEach((lot, q) -> entries.add(entry(EntryKind.REVERSE, "credit-note:" + noteId, id, q)));
            if (l.overdrawn.signum() > 0) {
                entries.add(entry(EntryKind.REVERSE, "credit-note:" + noteId, id, l.overdrawn));
            }
        }
        // Overdrawn work given back beyond what is still owed goes back to the lots that settled it, the last first,
        // taken from the credited lines of the type in the document's order, each up to what it went negative.
        Map<String, List<UseLine>> overdrawnByType = new TreeMap<>();
        doc.lines().values().stream().filter(l -> back.containsKey(l.line) && l.overdrawn.signum() > 0)
                .forEach(l -> overdrawnByType.computeIfAbsent(l.type, t -> new ArrayList<>()).add(l));
        Map<LotModel, BigDecimal> unsettle = new LinkedHashMap<>();
        overdrawnByType.forEach((type, owing) -> {
            BigDecimal q = owing.stream().map(l -> l.overdrawn).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal beyond = run.owed(doc.customer(), type).add(q).max(BigDecimal.ZERO);
            List<LotModel> by = new ArrayList<>(run.settledBy.getOrDefault(doc.customer() + "|" + type, List.of()));
            java.util.Collections.reverse(by);
            int line = 0;
            BigDecimal lineLeft = owing.get(0).overdrawn;
            for (LotModel x : by) {
                BigDecimal g = beyond.min(x.settled);
                if (g.signum() <= 0) {
                    continue;
                }
                unsettle.put(x, g);
                beyond = beyond.subtract(g);
                while (g.signum() > 0) {
                    BigDecimal part = g.min(lineLeft);
                    entries.add(entry(EntryKind.SETTLE, "credit-note:" + noteId, owing.get(line).line, part.negate()));
                    entries.add(entry(EntryKind.SETTLE, "credit-note:" + noteId, owing.get(line).line, part));
                    g = g.subtract(part);
                    lineLeft = lineLeft.subtract(part);
                    if (lineLeft.signum() == 0 && line + 1 < owing.size()) {
                        lineLeft = owing.get(++line).overdrawn;
                    }
                }
            }
        });
        Outcome o = credits.creditNote(run.next(), new CreditNote(noteId, doc.customer(), doc.source(), lines));
        if (!reasons.isEmpty() || !o.applied()) {
            return new Expect(o, reasons, List.of());
        }
        run.notes.put("credit-note:" + noteId, reference);
        Map<String, BigDecimal> returned = o.result(CreditReturned.class).map(CreditReturned::returned).orElse(Map.of());
        assertEquals(plain(back), plain(returned), () -> step + ": what the credit note gave back per line");
        for (String id : back.keySet()) {
            UseLine l = doc.lines().get(id);
            l.draws.forEach((lot, q) -> {
                LotModel x = run.lots.get(lot);
                if (x.past(run.date)) {
                    Statistics.label("cases").collect("credit note back to a lot past its validity");
                }
                x.balance = x.balance.add(q);
                x.returned = x.returned.add(q);
            });
            if (l.overdrawn.signum() > 0) {
                Statistics.label("cases").collect("credit note back to a negative balance");
            }
            run.owe(doc.customer(), l.type, l.overdrawn);
            l.creditedBy = noteId;
        }
        unsettle.forEach((x, g) -> {
            Statistics.label("cases").collect("credit note gave a settled debt back to its lot");
            x.settled = x.settled.subtract(g);
            x.balance = x.balance.add(g);
            run.owe(x.customer, x.type, g.negate());
        });
        return new Expect(o, reasons, entries);
    }

    private Expect expire(Credits credits, Run run, Step s) {
        advance(run, s.days());
        List<String> entries = new ArrayList<>();
        for (LotModel l : run.lots.values()) {
            if (l.past(run.date) && l.balance.signum() > 0) {
                entries.add(entry(EntryKind.EXPIRE, l.sale, l.line, l.balance.negate()));
                Statistics.label("cases").collect("expiry swept a lot");
                l.swept = l.swept.add(l.balance);
                l.balance = BigDecimal.ZERO;
            }
        }
        return new Expect(credits.expireLots(run.next()), Set.of(), entries);
    }

    /** The clock and the business date move forward together, 0 to 49 days. */
    private void advance(Run run, int days) {
        clock.advance(Duration.ofDays(Math.floorMod(days, 50)));
        run.date = today();
    }

    // ------------------------------------------------------------------ the checks

    /** What a command wrote against what its outcome reports, and what the model expects. */
    private static void checkEntries(Outcome o, Expect e, State before, State after, String step) {
        List<LedgerEntry> written = new ArrayList<>();
        for (Map.Entry<AccountKey, List<LedgerEntry>> a : after.ledger().entrySet()) {
            written.addAll(LedgerInvariants.written(before.ledger().getOrDefault(a.getKey(), List.of()), a.getValue(),
                    step));
        }
        written.sort(Comparator.comparingLong(LedgerEntry::sequence));
        LedgerInvariants.assertWroteWhatItReports(o, written, step);
        if (!e.rejections().isEmpty()) {
            assertTrue(o.rejected(), () -> step + ": expected " + e.rejections() + ", was applied");
            assertEquals(e.rejections(), new TreeSet<>(o.reasonCodes()), () -> step + ": the reasons");
        } else {
            assertTrue(o.applied(), () -> step + ": expected applied, was " + o.reasonCodes());
        }
        if (o.rejected()) {
            assertEquals(before.parts(), after.parts(), () -> step + ": a rejected command changed the tenant");
            return;
        }
        List<String> wrote = written.stream().map(x -> entry(x.kind(), x.document(), x.line(), x.amount())).sorted()
                .toList();
        assertEquals(e.entries().stream().sorted().toList(), wrote, () -> step + ": the entries written");
    }

    private static void checkPortfolios(Credits credits, Run run, String step) {
        for (String customer : CUSTOMERS) {
            Portfolio p = credits.portfolio(run.tenant, customer, run.date);
            assertEquals(run.usesCredits(customer), p.usesCredits(), step);
            for (DefineType t : TYPES) {
                List<LotModel> lots = run.lots.values().stream().filter(l -> l.customer.equals(customer)
                        && l.type.equals(t.code())).toList();
                BigDecimal bought = sum(lots, LotModel::bought);
                BigDecimal reserved = sum(lots, LotModel::reserved);
                BigDecimal expired = sum(lots, l -> l.expired(run.date));
                // What work consumed, from the model's lines: drawn and gone negative, less what was credited.
                BigDecimal consumed = BigDecimal.ZERO;
                for (Doc d : run.docs.values()) {
                    if (!d.customer().equals(customer)) {
                        continue;
                    }
                    for (UseLine l : d.lines().values()) {
                        if (l.type.equals(t.code()) && l.creditedBy == null) {
                            consumed = consumed.add(l.covered());
                        }
                    }
                }
                BigDecimal remaining = bought.subtract(consumed).subtract(reserved).subtract(expired);
                String where = step + ": " + customer + " " + t.code();
                Holding h = p.holding(t.code()).orElse(new Holding(t.code(), BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
                same(bought, h.bought(), () -> where + " bought");
                same(reserved, h.reserved(), () -> where + " reserved");
                same(consumed, h.consumed(), () -> where + " consumed");
                same(expired, h.expired(), () -> where + " expired");
                same(remaining, h.remaining(), () -> where + " remaining == bought - consumed - reserved - expired");
                same(remaining, p.remaining(t.code()), () -> where + " remaining of the type");
                // The lots and the overdraft hold what remains: balance, less what is reserved or past validity.
                BigDecimal held = sum(lots, l -> l.remaining(run.date)).add(run.owed(customer, t.code()));
                same(remaining, held, () -> where + " the lots and the negative balance hold what remains");
                // Credits are only ever on lots, whose revenue is deferred; beyond them a customer can only owe.
                BigDecimal onLots = p.lots().stream().filter(x -> x.type().equals(t.code())).map(LotStatement::remaining)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertTrue(h.remaining().compareTo(onLots) <= 0, () -> where + " remaining " + h.remaining()
                        + " beyond the " + onLots + " on lots");
            }
            Map<String, LotStatement> statements = new HashMap<>();
            p.lots().forEach(l -> statements.put(l.lot(), l));
            assertEquals(run.lots.values().stream().filter(l -> l.customer.equals(customer)).map(LotModel::lot)
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)), new TreeSet<>(statements.keySet()),
                    () -> step + ": the lots of " + customer);
            for (LotModel l : run.lots.values()) {
                if (!l.customer.equals(customer)) {
                    continue;
                }
                LotStatement st = statements.get(l.lot());
                String where = step + ": lot " + l.lot();
                assertEquals(l.status, st.status(), where);
                same(l.reserved(), st.reserved(), () -> where + " reserved");
                same(l.consumed(), st.consumed(), () -> where + " consumed");
                same(l.expired(run.date), st.expired(), () -> where + " expired");
                same(l.remaining(run.date), st.remaining(), () -> where + " remaining");
            }
        }
    }

    /** Over the whole run: recognised + breakage + closing deferred == paid, each the model's, per type. */
    private static void checkRevenue(Credits credits, Run run, String step) {
        RevenueReport r = credits.revenue(run.tenant, YearMonth.from(run.start), YearMonth.from(run.date));
        YearMonth last = YearMonth.from(run.date);
        for (DefineType t : TYPES) {
            List<LotModel> lots = run.lots.values().stream().filter(l -> l.type.equals(t.code())).toList();
            BigDecimal paid = sum(lots, l -> l.status.equals("CONFIRMED") ? l.quantity.multiply(l.price) : BigDecimal.ZERO);
            BigDecimal recognised = sum(lots, l -> l.consumed().multiply(l.price));
            BigDecimal breakage = sum(lots, l -> l.swept.multiply(l.price));
            List<RevenueReport.Row> rows = r.rows().stream().filter(x -> x.type().equals(t.code())).toList();
            String where = step + ": revenue of " + t.code();
            BigDecimal sold = rows.stream().map(RevenueReport.Row::sold).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rec = rows.stream().map(RevenueReport.Row::recognised).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal exp = rows.stream().map(RevenueReport.Row::expired).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal closing = rows.stream().filter(x -> x.month().equals(last)).map(RevenueReport.Row::closingDeferred)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            rows.stream().filter(x -> x.month().equals(YearMonth.from(run.start))).forEach(x -> same(BigDecimal.ZERO,
                    x.openingDeferred(), () -> where + ": nothing deferred before the run"));
            same(paid, sold, () -> where + ": sold == paid for the confirmed lots");
            same(recognised, rec, () -> where + ": recognised");
            same(breakage, exp, () -> where + ": breakage");
            same(paid, rec.add(exp).add(closing), () -> where + ": recognised + breakage + deferred == paid");
        }
    }

    /** Per consuming line, what credit notes gave back (from the ledger) never exceeds what the line consumed. */
    private static void checkCreditNotes(Run run, State state, String step) {
        Map<String, BigDecimal> consumed = new HashMap<>();
        Map<String, BigDecimal> back = new HashMap<>();
        for (List<LedgerEntry> entries : state.ledger().values()) {
            for (LedgerEntry e : entries) {
                if (e.kind() == EntryKind.CONSUME) {
                    consumed.merge(e.document() + "#" + e.line(), e.amount().negate(), BigDecimal::add);
                } else if (e.kind() == EntryKind.REVERSE && e.amount().signum() > 0) {
                    String reference = run.notes.get(e.document());
                    assertTrue(reference != null, () -> step + ": a give-back by " + e.document()
                            + ", which is no credit note sent");
                    back.merge(reference + "#" + e.line(), e.amount(), BigDecimal::add);
                }
            }
        }
        back.forEach((line, q) -> {
            BigDecimal took = consumed.getOrDefault(line, BigDecimal.ZERO);
            assertTrue(q.compareTo(took) <= 0, () -> step + ": " + line + " given back " + q + " of " + took + " consumed");
        });
    }

    // ------------------------------------------------------------------ helpers

    /** The tenant's credits state: every account's ledger, and the rest as sorted text. */
    private record State(Map<AccountKey, List<LedgerEntry>> ledger, List<String> parts) {
    }

    private State state(TenantId tenant) {
        return store.inTransaction(tenant, tx -> {
            Map<AccountKey, List<LedgerEntry>> ledger = new TreeMap<>();
            TreeSet<String> parts = new TreeSet<>();
            for (Account a : tx.accounts().ofProgram(Credits.PROGRAM)) {
                ledger.put(a.key(), List.copyOf(tx.ledger().entries(a.key())));
                parts.add(a.toString());
                tx.ledger().entries(a.key()).forEach(e -> parts.add(e.toString()));
                tx.holds().pending(a.key()).forEach(h -> parts.add(h.toString()));
            }
            for (String type : DOCUMENT_TYPES) {
                for (Document d : tx.documents().list(type, null)) {
                    parts.add(d.toString());
                    tx.holds().ofDocument(d.id()).forEach(h -> parts.add(h.toString()));
                }
            }
            parts.add("settings=" + new TreeMap<>(tx.settings().of(Credits.PROGRAM)));
            return new State(ledger, List.copyOf(parts));
        });
    }

    private static String entry(EntryKind kind, String document, String line, BigDecimal amount) {
        return kind + " " + document + " " + line + " " + amount.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> plain(Map<String, BigDecimal> map) {
        Map<String, String> plain = new TreeMap<>();
        map.forEach((k, v) -> plain.put(k, v.stripTrailingZeros().toPlainString()));
        return plain;
    }

    private static void same(BigDecimal expected, BigDecimal actual, Supplier<String> what) {
        assertEquals(0, expected.compareTo(actual), () -> what.get() + ": expected " + expected.toPlainString()
                + ", was " + actual.toPlainString());
    }

    private static BigDecimal sum(List<LotModel> lots, java.util.function.Function<LotModel, BigDecimal> of) {
        return lots.stream().map(of).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
