package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.credits.CreditRequests;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * One program's command for {@link ProgramDecisionBenchmark}: how a fresh in-memory store is set up for it, what
 * is done (not measured) before each measured command, the command itself through the engine's public facade, and
 * the same decision in plain Java over the facts the engine gave the rules.
 *
 * <p>Every measured command meets the same state, so that every call decides the same thing as the facts the
 * raw and plain sides are given: a booking is the first of a customer registered just before it, a lock the first
 * sale of a customer enrolled just before it, a consumption one more hour drawn from a lot far too big to run out.
 * The store starts empty again every {@value #RENEW_AFTER} commands (not measured), so that it does not grow with
 * the run (an in-memory store keeps every outcome for its idempotency key).
 */
abstract class DecisionScenario {
    static final int RENEW_AFTER = 2_000;
    static final TenantId TENANT = TenantId.of("bench");
    /** One rule source for every engine of the run: they compile each version once between them. */
    private static final RuleSource RULES = RuleSource.defaults();

    final LocalDate day;
    LoyaltyEngine engine;
    LoyaltyStore store;
    private long keys;
    private long commands;

    DecisionScenario(LocalDate day) {
        this.day = day;
    }

    static DecisionScenario of(String command) {
        return switch (command) {
            case "savings-points.book" -> new Booking();
            case "customer-card.lock" -> new Lock();
            case "credits.consume" -> new Consumption();
            default -> throw new IllegalArgumentException("no scenario for " + command);
        };
    }

    /** The rule set whose decision is measured. */
    abstract String program();

    /** Sets the program up on a fresh store: settings, master data. */
    abstract void configure();

    /** What comes before the measured command {@code n}; not measured. */
    abstract void prepare(long n);

    /** The measured command {@code n}, through the facade. */
    abstract Outcome command(long n);

    /** The same decision in plain Java, over the facts the rules were given. */
    abstract Verdict plain(List<Object> facts);

    /** Before command {@code n}: a fresh store now and then, and the command's own preparation. */
    final void before(long n) {
        if (engine == null || ++commands >= RENEW_AFTER) {
            commands = 0;
            store = new InMemoryStore();
            engine = LoyaltyEngine.builder().store(store).rules(RULES)
                    .clock(Clock.fixed(day.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC)).build();
            configure();
        }
        prepare(n);
    }

    final CommandContext ctx(Actor actor) {
        return CommandContext.of(TENANT, actor, "k" + (++keys), day);
    }

    final void customer(String id) {
        store.inTransaction(TENANT, tx -> {
            tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of()));
            return null;
        });
    }

    static Outcome applied(Outcome o) {
        if (!o.applied()) {
            throw new IllegalStateException("benchmark command " + o.command() + " was rejected: " + o.reasonCodes());
        }
        return o;
    }

    static <T> List<T> all(List<Object> facts, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Object f : facts) {
            if (type.isInstance(f)) {
                found.add(type.cast(f));
            }
        }
        return found;
    }

    static <T> T one(List<Object> facts, Class<T> type) {
        List<T> found = all(facts, type);
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " facts of type " + type.getSimpleName());
        }
        return found.get(0);
    }

    /**
     * What a decision comes to, for comparing the three sides: the rules that fired, the rejection and notice
     * codes, and the entries it posts (account owner, kind, amount as written).
     */
    record Verdict(Set<String> fired, List<String> rejections, Set<String> notices, Set<String> postings) {
        Verdict {
            fired = Set.copyOf(fired);
            rejections = List.copyOf(rejections);
            notices = Set.copyOf(notices);
            postings = Set.copyOf(postings);
        }

        static Verdict of(Decision d) {
            Set<String> postings = new TreeSet<>();
            for (Decision.Posting p : d.postings()) {
                postings.add(posting(p.account(), p.kind(), p.amount()));
            }
            return new Verdict(new TreeSet<>(d.firedRules()), d.rejections().stream().map(Decision.Reason::code).toList(),
                    d.notices().stream().map(Decision.Reason::code).collect(Collectors.toSet()), postings);
        }

        static String posting(AccountKey account, EntryKind kind, BigDecimal amount) {
            return account.owner() + " " + kind + " " + amount.toPlainString();
        }
    }

    /** The plain side's decision as it is taken: what fired, what was refused or noticed, what is posted. */
    static final class PlainDecision {
        private final Set<String> fired = new TreeSet<>();
        private final List<String> rejections = new ArrayList<>(1);
        private final Set<String> notices = new TreeSet<>();
        private final Set<String> postings = new TreeSet<>();

        /** Refuses facts outside what the plain side models: it would decide something else than the rules. */
        PlainDecision(List<Object> facts, Class<?>... modelled) {
            for (Object f : facts) {
                if (Arrays.stream(modelled).noneMatch(t -> t.isInstance(f))) {
                    throw new IllegalArgumentException("the plain baseline does not model a " + f.getClass().getSimpleName());
                }
            }
        }

        PlainDecision fired(String rule) {
            fired.add(rule);
            return this;
        }

        void reject(String rule, String code) {
            fired(rule);
            rejections.add(code);
        }

        void notice(String rule, String code) {
            fired(rule);
            notices.add(code);
        }

        void post(AccountKey account, EntryKind kind, BigDecimal amount) {
            postings.add(Verdict.posting(account, kind, amount));
        }

        Verdict verdict() {
            return new Verdict(fired, rejections, notices, postings);
        }
    }

    /** {@code savings-points.book}: a two-line booking at the global rate, the customer's first. */
    static final class Booking extends DecisionScenario {
        private static final Actor ADMIN = Actor.of("admin", SavingsPoints.ADMIN_PERMISSION);
        private static final Actor CLERK = Actor.of("clerk");

        Booking() {
            super(LocalDate.of(2026, 3, 14));
        }

        @Override
        String program() {
            return SavingsPoints.PROGRAM;
        }

        @Override
        void configure() {
            SavingsPoints points = engine.savingsPoints();
            applied(points.configure(ctx(ADMIN), PointsSettings.defaults().with(Map.of("rate", "0.10"))));
            applied(points.defineSupplier(ctx(ADMIN), PointsRequests.Supplier.enabled("HOTEL")));
        }

        @Override
        void prepare(long n) {
            customer("C" + n);
        }

        @Override
        Outcome command(long n) {
            return engine.savingsPoints().book(ctx(CLERK), PointsRequests.Booking.of("B" + n, "C" + n,
                    PointsRequests.Service.of("1", "HOTEL", "STAY", Money.of("1250.00", "EUR")),
                    PointsRequests.Service.of("2", "HOTEL", "TRANSFER", Money.of("80.00", "EUR"))));
        }

        @Override
        Verdict plain(List<Object> facts) {
            return PlainPointsRules.book(facts);
        }
    }

    /** {@code customer-card.lock}: a two-line sale of an enrolled customer at the default 10%, the first on the card. */
    static final class Lock extends DecisionScenario {
        private static final Actor CLERK = Actor.of("clerk", CustomerCards.SETTINGS_PERMISSION,
                CustomerCards.CATALOGUE_PERMISSION);

        Lock() {
            super(LocalDate.of(2026, 6, 15));
        }

        @Override
        String program() {
            return CustomerCards.PROGRAM;
        }

        @Override
        void configure() {
            CustomerCards cards = engine.customerCards();
            applied(cards.configure(ctx(CLERK), CardRequests.Configure.percent("10")));
            applied(cards.defineProduct(ctx(CLERK), new CardRequests.DefineProduct("food", LocalDate.of(2020, 1, 1), true,
                    null)));
            applied(cards.defineProduct(ctx(CLERK), new CardRequests.DefineProduct("toy", LocalDate.of(2020, 1, 1), false,
                    null)));
        }

        @Override
        void prepare(long n) {
            customer("C" + n);
            applied(engine.customerCards().enrol(ctx(CLERK), new CardRequests.Enrol("C" + n)));
        }

        @Override
        Outcome command(long n) {
            return engine.customerCards().lock(ctx(CLERK), new CardRequests.Sale("D" + n, "C" + n, day,
                    Money.currency("EUR"), List.of(
                            new CardRequests.SaleLine("1", "food", new BigDecimal("2"), Money.of("48.00", "EUR")),
                            new CardRequests.SaleLine("2", "toy", BigDecimal.ONE, Money.of("12.50", "EUR")))));
        }

        @Override
        Verdict plain(List<Object> facts) {
            return PlainCardRules.lock(facts);
        }
    }

    /** {@code credits.consume}: one hour of work drawn from a customer's confirmed lot of a million hours. */
    static final class Consumption extends DecisionScenario {
        private static final Actor OFFICE = Actor.of("office", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
                Credits.SETTINGS_PERMISSION);

        Consumption() {
            super(LocalDate.of(2026, 1, 5));
        }

        @Override
        String program() {
            return Credits.PROGRAM;
        }

        @Override
        void configure() {
            Credits credits = engine.credits();
            applied(credits.defineType(ctx(OFFICE), new CreditRequests.DefineType("HOUR", "Technician hour", "hour",
                    CreditRequests.Counting.FRACTIONAL, Money.of("80.00", "EUR"))));
            applied(credits.useCredits(ctx(OFFICE), new CreditRequests.UseCredits("ACME", true)));
            applied(credits.sell(ctx(OFFICE), new CreditRequests.Sell("S1", "ACME", List.of(new CreditRequests.SaleLine(
                    "1", "HOUR", new BigDecimal("1000000"), Money.of("80.00", "EUR"), null)))));
            applied(credits.confirmSale(ctx(OFFICE), new CreditRequests.ConfirmSale("S1")));
        }

        @Override
        void prepare(long n) {
            // Nothing: the lot is far from running out, and every command is a document of its own.
        }

        @Override
        Outcome command(long n) {
            return engine.credits().consume(ctx(OFFICE), new CreditRequests.Consume("ACME",
                    new CreditRequests.SourceDocument(CreditRequests.Source.SERVICE_REPORT, "SR" + n),
                    List.of(CreditRequests.WorkLine.of("1", "HOUR", "1.5", "repair")), null));
        }

        @Override
        Verdict plain(List<Object> facts) {
            return PlainCreditRules.consume(facts);
        }
    }
}
