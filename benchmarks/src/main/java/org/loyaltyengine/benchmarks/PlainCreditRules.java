package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.rules.facts.CreditLot;
import org.loyaltyengine.rules.facts.CreditSettings;
import org.loyaltyengine.rules.facts.CreditWork;
import org.loyaltyengine.rules.facts.CreditWorkLine;
import org.loyaltyengine.spi.EntryKind;

/**
 * The plain-Java baseline of {@code credits.consume} for {@link ProgramDecisionBenchmark}: what
 * {@code rules/credits/v1/consumption.drl} decides, over the same facts: whole units in whole credits, a line
 * consumed once, no credits billed whole, the lots drawn first in, first out, the rest billable or, where the
 * policy allows it, overdrawn. Every rule of the file is here; the answer record the rules build is not (the
 * postings carry the same figures).
 */
final class PlainCreditRules {
    private PlainCreditRules() {
    }

    static DecisionScenario.Verdict consume(List<Object> facts) {
        DecisionScenario.PlainDecision d = new DecisionScenario.PlainDecision(facts, CreditWork.class,
                CreditSettings.class, CreditLot.class, CreditWorkLine.class, CommandInfo.class);
        CreditWork work = DecisionScenario.one(facts, CreditWork.class);
        CreditSettings settings = DecisionScenario.one(facts, CreditSettings.class);
        List<CreditLot> lots = DecisionScenario.all(facts, CreditLot.class);
        for (CreditWorkLine w : DecisionScenario.all(facts, CreditWorkLine.class)) {
            if (w.whole() && w.fractional()) {
                d.reject("a whole unit is consumed in whole credits", "FRACTIONAL_QUANTITY");
            }
            if (w.consumed()) {
                d.reject("a document's line consumes once", "LINE_ALREADY_CONSUMED");
            }
            if (!w.reference().equals(work.reference())) {
                continue;
            }
            if (!work.usesCredits()) {
                d.fired("a customer without credits is billed for the whole line");
                continue;
            }
            for (CreditLot l : lots) {
                if (l.customerId().equals(work.customerId()) && l.type().equals(w.type()) && l.usable()
                        && l.available().signum() > 0) {
                    d.fired("work draws on the lots first in, first out");
                    BigDecimal drawn = overlap(w.demandBefore(), w.quantity(), l.availableBefore(), l.available());
                    if (drawn.signum() > 0) {
                        d.post(l.account(), EntryKind.CONSUME, drawn.negate());
                    }
                }
            }
            BigDecimal rest = w.quantity().subtract(overlap(w.demandBefore(), w.quantity(), BigDecimal.ZERO, w.usable()));
            if (settings.negativeBalance()) {
                d.fired("where the policy allows it the uncovered part goes negative");
                if (rest.signum() > 0) {
                    d.post(w.overdraft(), EntryKind.CONSUME, rest.negate());
                }
            } else {
                d.fired("what the credits do not cover is billable");
            }
        }
        return d.verdict();
    }

    /** The part of [from, from + length) that falls in [start, start + size), as the rule file's function. */
    private static BigDecimal overlap(BigDecimal from, BigDecimal length, BigDecimal start, BigDecimal size) {
        BigDecimal end = from.add(length).min(start.add(size));
        return end.subtract(from.max(start)).max(BigDecimal.ZERO);
    }
}
