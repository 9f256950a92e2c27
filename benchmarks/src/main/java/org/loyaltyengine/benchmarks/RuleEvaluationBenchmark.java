package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.loyaltyengine.RuleSource;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.rules.facts.PosReceipt;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Unit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation alone: the {@code pos-card} rules deciding one {@code addItem}, three ways.
 * <ul>
 * <li>{@code drools*}: raw Drools ({@link RawDrools}), a new stateless session of the KieBase of the version
 * {@link RuleSetRegistry} has in force, with a listener recording the fired rules: what the engine did
 * before it pooled its sessions, in plain Drools API. This is the baseline the engine's ratios are taken
 * against ({@code PosCommandBenchmark}'s {@code addItem} over this), in this build and in the earlier builds
 * {@code compare-before-after.sh} builds.</li>
 * <li>{@code evaluator*}: the engine's own {@link Evaluator}: a session of the version's pool, the
 * rule-tracking listener with the firing and time limits, the watchdog.</li>
 * <li>{@code plain*}: the same decision in plain Java ({@link PlainPosRules}).</li>
 * </ul>
 * The facts are those the engine builds for the fourth item of a receipt: the item, the move on the
 * receipt, the receipt, the card with its credit figures, the settings, three items already on the receipt,
 * and the command info. Set-up checks that all three decide alike.
 *
 * <p>Run with allocation figures (about 4 minutes):
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RuleEvaluationBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class RuleEvaluationBenchmark {
    private RuleSetRegistry.Compiled rules;
    private Facts discount;
    private Facts credit;

    /** One addItem's facts, as the engine's list and as the baseline's arguments. */
    record Facts(PosAddItem item, PosReceipt receipt, PosCard card, List<PosItem> items, List<Object> all) {
        static Facts of(String mode, String cardNumber, BigDecimal percent, boolean creditDrawing) {
            AccountKey account = new AccountKey("card:" + cardNumber, PosCards.PROGRAM, Unit.currency("CZK"));
            PosAddItem item = new PosAddItem("R-1", "4", "cappuccino", new BigDecimal("65.00"), false,
                    new BigDecimal("12"), null);
            boolean discounted = mode.equals("DISCOUNT");
            PosReceipt receipt = new PosReceipt("R-1", "OPEN", "CZK", cardNumber, true, mode, discounted ? 3 : 0);
            PosCard card = new PosCard(cardNumber, percent, creditDrawing, creditDrawing, "CZK", account,
                    new BigDecimal("1000.00"), discounted ? BigDecimal.ZERO : new BigDecimal("120.00"));
            List<PosItem> items = new ArrayList<>();
            for (int line = 1; line <= 3; line++) {
                items.add(new PosItem("R-1", Integer.toString(line), new BigDecimal("40.00"),
                        discounted ? new BigDecimal("4.00") : BigDecimal.ZERO, false, false,
                        discounted ? null : "k" + line + "#h1", !discounted, false));
            }
            List<Object> all = new ArrayList<>();
            all.add(item);
            // The move the command attempts on the receipt, as AddItemCommand inserts it: the receipt's
            // state machine is in the rules, so the evaluation the engine makes includes it.
            all.add(new PosReceiptTransition("R-1", PosReceiptTransition.ADD_ITEM));
            all.add(receipt);
            all.add(new PosSettings(720));
            all.add(card);
            all.addAll(items);
            all.add(new CommandInfo("pos-card.add-item", Shop.DATE, Instant.parse("2026-11-22T10:00:00Z"), "cashier",
                    Set.of(), false));
            return new Facts(item, receipt, card, List.copyOf(items), List.copyOf(all));
        }
    }

    @Setup(Level.Trial)
    public void compile() {
        rules = new RuleSetRegistry(RuleSource.defaults()).inForce(PosCards.PROGRAM, Shop.DATE);
        discount = Facts.of("DISCOUNT", "4242", BigDecimal.TEN, false);
        credit = Facts.of("CREDIT", "2001", BigDecimal.ZERO, true);
        sameDecision(discount);
        sameDecision(credit);
    }

    /** A benchmark of different decisions would compare nothing. */
    private void sameDecision(Facts f) {
        sameDecision(f, "raw Drools", RawDrools.evaluate(rules.kieBase(), f.all()));
        // Twice: the second evaluation runs in a session the first one handed back to the pool.
        sameDecision(f, "the engine's evaluator", Evaluator.evaluate(rules, f.all()));
        sameDecision(f, "the engine's evaluator, again", Evaluator.evaluate(rules, f.all()));
    }

    private static void sameDecision(Facts f, String side, Decision engine) {
        PlainPosRules.Decision plain = PlainPosRules.addItem(f.item(), f.receipt(), f.card(), f.items());
        BigDecimal engineDiscount = engine.resultOf(PosItemDiscount.class).map(PosItemDiscount::discount).orElse(null);
        BigDecimal engineHold = engine.holdRequests().isEmpty() ? null : engine.holdRequests().get(0).amount();
        boolean same = engine.isRejected() == plain.rejected()
                && Set.copyOf(engine.firedRules()).equals(Set.copyOf(plain.fired()))
                && (engineDiscount == null ? plain.discount() == null : engineDiscount.equals(plain.discount()))
                && (engineHold == null ? plain.reserve() == null : engineHold.equals(plain.reserve()));
        if (!same || engine.isRejected()) {
            throw new IllegalStateException(side + " and the plain baseline decide differently for "
                    + f.receipt().cardMode() + ": " + side + " fired " + engine.firedRules() + " discount " + engineDiscount + " hold " + engineHold
                    + " rejected " + engine.isRejected() + "; plain fired " + plain.fired() + " discount "
                    + plain.discount() + " hold " + plain.reserve() + " rejected " + plain.rejections());
        }
    }

    @Benchmark
    public Decision droolsDiscountCard() {
        return RawDrools.evaluate(rules.kieBase(), discount.all());
    }

    @Benchmark
    public Decision droolsCreditCard() {
        return RawDrools.evaluate(rules.kieBase(), credit.all());
    }

    @Benchmark
    public Decision evaluatorDiscountCard() {
        return Evaluator.evaluate(rules, discount.all());
    }

    @Benchmark
    public Decision evaluatorCreditCard() {
        return Evaluator.evaluate(rules, credit.all());
    }

    @Benchmark
    public PlainPosRules.Decision plainDiscountCard() {
        return PlainPosRules.addItem(discount.item(), discount.receipt(), discount.card(), discount.items());
    }

    @Benchmark
    public PlainPosRules.Decision plainCreditCard() {
        return PlainPosRules.addItem(credit.item(), credit.receipt(), credit.card(), credit.items());
    }
}
