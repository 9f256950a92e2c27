package org.loyaltyengine.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.loyaltyengine.RuleSource;
import org.loyaltyengine.internal.CanonicalJson;
import org.loyaltyengine.internal.EvaluationRecorder;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The decision cost of one command of each of the other programs (issue 14, P1; the POS receipt is
 * {@code PosCommandBenchmark} and {@code RuleEvaluationBenchmark}): a savings-points booking, a customer-card
 * lock, a credits consumption ({@code command} parameter, {@link DecisionScenario}), four ways.
 * <ul>
 * <li>{@code engine}: the command through the engine's public facade on the in-memory store, the whole pipeline
 * (idempotency, locks, loading the facts, one evaluation, the writes, the outcome). Each call meets the same state
 * (set up before it, not measured).</li>
 * <li>{@code drools}: raw Drools ({@link RawDrools}), a new stateless session of the same compiled rules, on the
 * facts the engine gave the rules for that command, as it gave them (recorded with
 * {@link EvaluationRecorder} and read back).</li>
 * <li>{@code evaluator}: the engine's own {@link Evaluator} (pooled sessions, limits, watchdog) on those facts.</li>
 * <li>{@code plain}: the same decision in plain Java over those facts ({@link PlainPointsRules},
 * {@link PlainCardRules}, {@link PlainCreditRules}).</li>
 * </ul>
 * Set-up fails the run unless raw Drools, the evaluator and the plain side fire the same rules, refuse and notice
 * the same, and post the same entries, and unless raw Drools fires the rules the engine's own evaluation fired.
 * The allocation figures of {@code -prof gc} for {@code engine} include its unmeasured set-up (a customer inserted,
 * for the lock an enrolment too, and a fresh store every {@value DecisionScenario#RENEW_AFTER} commands).
 *
 * <p>Run (three commands by four sides, about 6 minutes):
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ProgramDecisionBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -prof gc -rf json -rff program-decision.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProgramDecisionBenchmark {

    /** The facts of one command as the engine gave them to the rules, and the rules compiled once. */
    @State(Scope.Benchmark)
    public static class Facts {
        @Param({"savings-points.book", "customer-card.lock", "credits.consume"})
        public String command;
        DecisionScenario scenario;
        RuleSetRegistry.Compiled rules;
        List<Object> facts;

        @Setup(Level.Trial)
        public void record() {
            scenario = DecisionScenario.of(command);
            scenario.before(0);
            EvaluationRecorder.Recorded<Outcome> run = EvaluationRecorder.recording(() -> scenario.command(0));
            DecisionScenario.applied(run.result());
            EvaluationRecorder.Evaluation seen = run.evaluations().stream()
                    .filter(e -> e.ruleSet().equals(scenario.program())).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException(command + " evaluated no " + scenario.program() + " rules"));
            facts = read(seen);
            rules = new RuleSetRegistry(RuleSource.defaults()).version(seen.ruleSet(), seen.version());
            DecisionScenario.Verdict raw = DecisionScenario.Verdict.of(RawDrools.evaluate(rules.kieBase(), facts));
            if (!raw.fired().equals(Set.copyOf(seen.rulesFired()))) {
                throw new IllegalStateException("raw Drools on the recorded facts fired " + raw.fired()
                        + ", the engine fired " + seen.rulesFired());
            }
            same("the engine's evaluator", DecisionScenario.Verdict.of(Evaluator.evaluate(rules, facts)), raw);
            same("the plain baseline", scenario.plain(facts), raw);
        }

        private void same(String side, DecisionScenario.Verdict verdict, DecisionScenario.Verdict raw) {
            // A benchmark of different decisions would compare nothing.
            if (!verdict.equals(raw)) {
                throw new IllegalStateException(command + ": " + side + " decides " + verdict + ", raw Drools " + raw);
            }
        }

        /** The recorded facts read back into their records: the facts the engine built, not a copy made by hand. */
        private static List<Object> read(EvaluationRecorder.Evaluation seen) {
            List<Object> facts = new ArrayList<>();
            for (EvaluationRecorder.Seen f : seen.facts()) {
                if (!f.exact()) {
                    throw new IllegalStateException("fact " + f.type() + " was recorded as text only");
                }
                try {
                    facts.add(CanonicalJson.read(f.json(), Class.forName("org.loyaltyengine.rules.facts." + f.type())));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("no fact type " + f.type(), e);
                }
            }
            return List.copyOf(facts);
        }
    }

    /** The engine's side: a store set up for the next command before each call, not measured. */
    @State(Scope.Thread)
    public static class Desk {
        DecisionScenario scenario;
        long n;

        @Setup(Level.Trial)
        public void open(Facts facts) {
            scenario = DecisionScenario.of(facts.command);
        }

        @Setup(Level.Invocation)
        public void next() {
            scenario.before(++n);
        }
    }

    @Benchmark
    public Outcome engine(Desk desk) {
        return DecisionScenario.applied(desk.scenario.command(desk.n));
    }

    @Benchmark
    public Decision drools(Facts f) {
        return RawDrools.evaluate(f.rules.kieBase(), f.facts);
    }

    @Benchmark
    public Decision evaluator(Facts f) {
        return Evaluator.evaluate(f.rules, f.facts);
    }

    @Benchmark
    public DecisionScenario.Verdict plain(Facts f) {
        return f.scenario.plain(f.facts);
    }
}
