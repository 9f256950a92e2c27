package org.loyaltyengine;

import java.time.Clock;
import java.util.List;

import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.card.internal.DefaultCustomerCards;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.internal.DefaultCustomers;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.EvaluationLimits;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.points.internal.DefaultSavingsPoints;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.DefaultCredits;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.internal.DefaultPosCards;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/**
 * The embeddable loyalty engine: program facades over one command pipeline, decided by versioned
 * rule sets, with all state behind a {@link LoyaltyStore}.
 *
 * <pre>{@code
 * LoyaltyEngine engine = LoyaltyEngine.builder().build();          // in-memory store, packaged rules
 * Outcome o = engine.posCards().addItem(ctx, AddItem.of("R1", "1", "coffee", Money.of("45.00", "CZK"), "21"));
 * }</pre>
 *
 * <p>The engine keeps no state of its own and is safe to share between threads (SPEC X-2). It hands out
 * no path to its store: every change goes through a facade and so through the command pipeline. A host
 * that reads its store directly (or seeds it, as a migration does) keeps the reference it passed to
 * {@link Builder#store}.
 */
public final class LoyaltyEngine {
    private final CommandPipeline pipeline;
    private final PosCards posCards;
    private final SavingsPoints savingsPoints;
    private final CustomerCards customerCards;
    private final Customers customers;
    private final Credits credits;
    private final AuditTrail audit;
    private final CommandHistory commandLog;

    private LoyaltyEngine(Builder b) {
        RuleSetRegistry registry = new RuleSetRegistry(b.rules, new EvaluationLimits(b.maxRuleFirings,
                b.maxEvaluationTime));
        this.pipeline = new CommandPipeline(b.store, registry, b.clock);
        this.posCards = new DefaultPosCards(pipeline);
        this.savingsPoints = new DefaultSavingsPoints(pipeline);
        this.customerCards = new DefaultCustomerCards(pipeline);
        this.customers = new DefaultCustomers(pipeline);
        this.credits = new DefaultCredits(pipeline);
        this.audit = new AuditTrail(b.store);
        this.commandLog = new CommandHistory(b.store, pipeline.requests());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The POS discount and credit card program (seed 004). */
    public PosCards posCards() {
        return posCards;
    }

    /** The savings points of a travel agency (seed 001). */
    public SavingsPoints savingsPoints() {
        return savingsPoints;
    }

    /** The customer card of a veterinary practice (seed 000). */
    public CustomerCards customerCards() {
        return customerCards;
    }

    /** The customers of the webshop warehouse system (seed 003): master data, import, orders, discount. */
    public Customers customers() {
        return customers;
    }

    /** The prepaid credits of an ERP (seed 002): credit types, lots, consumption, portfolio and reports. */
    public Credits credits() {
        return credits;
    }

    /**
     * Who changed which settings, catalogue product, card or customer, when, from what to what (SPEC X-8).
     * Every outcome records its actor too ({@link org.loyaltyengine.spi.Outcome#actor()}).
     */
    public AuditTrail audit() {
        return audit;
    }

    /**
     * Every command executed, applied or rejected, with its request and outcome: read, export, import and
     * rebuild requests (SPEC X-11, docs/command-log.md).
     */
    public CommandHistory commandLog() {
        return commandLog;
    }

    /** Every rule-set version the engine's rule source holds. */
    public List<RuleSetVersion> ruleSets() {
        return pipeline.rules().all();
    }

    /** The version of {@code ruleSet} that decides commands dated {@code date}. */
    public RuleSetVersion ruleSetInForce(String ruleSet, java.time.LocalDate date) {
        return pipeline.rules().inForce(ruleSet, date).version();
    }

    /**
     * Compiles every rule-set version now (they are otherwise compiled on first use), several at once on a
     * machine with several processors; it returns when all are compiled and leaves no thread running.
     *
     * @throws RuleCompilationException naming file and line of the first version that fails, in the order of
     *         {@link #ruleSets()}, whichever finished first; an {@link UnsafeRuleException} (code
     *         {@code RULE_UNSAFE}) if a file uses what rule files may not
     */
    public void verifyRules() {
        pipeline.rules().compileAll();
    }

    /** Configures an engine; every setting has a default, so {@code builder().build()} works. */
    public static final class Builder {
        private LoyaltyStore store = new InMemoryStore();
        private RuleSource rules;
        private Clock clock = Clock.systemUTC();
        private boolean verify;
        private long maxRuleFirings = EvaluationLimits.DEFAULT.maxRuleFirings();
        private java.time.Duration maxEvaluationTime = EvaluationLimits.DEFAULT.maxEvaluationTime();

        private Builder() {
        }

        /**
         * The most rules one evaluation may fire; beyond it the command stops with
         * {@link RuleLimitExceededException} (code {@code RULE_LIMIT_EXCEEDED}) and nothing is written.
         * Default 1,000,000: the year-end expiry of savings points fires one rule per account with points
         * to expire (200,000 accounts: 200,002 firings); a runaway rule reaches the default in about 7 s.
         */
        public Builder maxRuleFirings(long maxRuleFirings) {
            this.maxRuleFirings = new EvaluationLimits(maxRuleFirings, maxEvaluationTime).maxRuleFirings();
            return this;
        }

        /**
         * The longest one evaluation may run; beyond it the command stops with
         * {@link RuleLimitExceededException} and nothing is written. Default 60 seconds.
         */
        public Builder maxEvaluationTime(java.time.Duration maxEvaluationTime) {
            this.maxEvaluationTime = new EvaluationLimits(maxRuleFirings, maxEvaluationTime).maxEvaluationTime();
            return this;
        }

        /** Where state lives; default: a new {@link InMemoryStore}. */
        public Builder store(LoyaltyStore store) {
            this.store = org.loyaltyengine.spi.Checks.notNull(store, "store: pass an InMemoryStore or a JpaStore");
            return this;
        }

        /**
         * Where rule sets come from; default: {@link RuleSource#defaults()}, the sets packaged in the jar.
         * Engines built on one {@code RuleSource} instance compile each version once between them: a host
         * that builds an engine per store (or a test suite one per test) passes them the same source.
         */
        public Builder rules(RuleSource rules) {
            this.rules = org.loyaltyengine.spi.Checks.notNull(rules, "rules: pass RuleSource.defaults() or RuleSource.folder(path)");
            return this;
        }

        /** The clock for recorded times and hold expiry; default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = org.loyaltyengine.spi.Checks.notNull(clock, "clock: pass Clock.systemUTC() or a fixed clock in tests");
            return this;
        }

        /** Compile every rule-set version when building, so a broken file fails at start-up. */
        public Builder verifyRulesOnBuild() {
            this.verify = true;
            return this;
        }

        public LoyaltyEngine build() {
            LoyaltyEngine engine = new LoyaltyEngine(this.rules == null ? withDefaults() : this);
            if (verify) {
                engine.verifyRules();
            }
            return engine;
        }

        private Builder withDefaults() {
            this.rules = RuleSource.defaults();
            if (rules.files().isEmpty()) {
                throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError("classpath:"
                        + RuleSource.DEFAULT_CLASSPATH_ROOT, 0, "no rule sets found on the classpath under "
                        + RuleSource.DEFAULT_CLASSPATH_ROOT + "/; is the loyalty-engine jar on the classpath?")));
            }
            return this;
        }
    }
}
