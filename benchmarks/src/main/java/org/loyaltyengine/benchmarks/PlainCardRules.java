package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.loyaltyengine.rules.facts.CardCustomer;
import org.loyaltyengine.rules.facts.CardDefaultPeriod;
import org.loyaltyengine.rules.facts.CardLock;
import org.loyaltyengine.rules.facts.CardOpen;
import org.loyaltyengine.rules.facts.CardProductPeriod;
import org.loyaltyengine.rules.facts.CardSale;
import org.loyaltyengine.rules.facts.CardSaleLine;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.CardStoredLine;
import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.spi.EntryKind;

/**
 * The plain-Java baseline of {@code customer-card.lock} for {@link ProgramDecisionBenchmark}: what
 * {@code rules/customer-card/v1} decide when a sale is locked on a card with nothing on its ledger yet, over the
 * same facts. Every rule that can fire then is here: the default percentage in force (or the first, or the rule
 * set's), the product's period, what each eligible line earns, the lock refused on a locked document, the lines
 * going on the card (or the document only recorded), and the card as the lock leaves it (open since its first
 * entry, its lines, purchases, units and visits, the four thresholds, "card full", the status). Ledger entries
 * (earlier sales, settlements) would bring the settlement rules in, which this baseline does not model: it
 * refuses such facts rather than decide something else.
 */
final class PlainCardRules {
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private PlainCardRules() {
    }

    static DecisionScenario.Verdict lock(List<Object> facts) {
        DecisionScenario.PlainDecision d = new DecisionScenario.PlainDecision(facts, CardLock.class, CardCustomer.class,
                CardSale.class, CardSettings.class, CardProductPeriod.class, CardSaleLine.class, CardOpen.class,
                CardStoredLine.class, CommandInfo.class);
        CardLock lock = DecisionScenario.one(facts, CardLock.class);
        CardCustomer customer = DecisionScenario.one(facts, CardCustomer.class);
        CardSale sale = DecisionScenario.one(facts, CardSale.class);
        CardSettings settings = DecisionScenario.one(facts, CardSettings.class);
        List<CardOpen> open = DecisionScenario.all(facts, CardOpen.class);
        if ("LOCKED".equals(sale.status())) {
            d.reject("a locked document cannot be locked again", "DOCUMENT_ALREADY_LOCKED");
        }
        if (!customer.enrolled()) {
            d.notice("a customer who does not take part only has the document recorded", "CUSTOMER_NOT_ENROLLED");
        }
        BigDecimal pending = BigDecimal.ZERO;
        BigDecimal units = BigDecimal.ZERO;
        int purchases = 0;
        Set<LocalDate> visits = new HashSet<>();
        for (CardSaleLine x : DecisionScenario.all(facts, CardSaleLine.class)) {
            BigDecimal earned = earning(d, x, settings, DecisionScenario.all(facts, CardProductPeriod.class));
            if (earned == null || !x.document().equals(lock.document())) {
                continue;
            }
            if (customer.enrolled() && customer.id().equals(lock.customer())) {
                d.fired("an eligible line goes on the card when its document is locked");
                d.post(customer.account(), EntryKind.EARN, earned);
            }
            if (open.isEmpty()) {
                continue;
            }
            d.fired("what a lock puts on the card is on the open card it counts");
            pending = pending.add(earned);
            if (earned.signum() == 0) {
                continue;
            }
            d.fired("a line new to the ledger has what the lock puts on the open card");
            d.fired("a sale's line with something on the open card is a line of the open card");
            CardStoredLine stored = stored(facts, x);
            if (earned.signum() > 0 && stored != null && stored.quantity() != null) {
                d.fired("a sale's line with value left on the open card is a purchase");
                units = units.add(stored.quantity().subtract(stored.returned()));
                purchases++;
                visits.add(sale.date());
            }
        }
        for (CardOpen card : open) {
            d.fired("a card with no settlement in force is open from its first entry");
            d.fired("the open card counts its purchases, units and visits");
            d.fired("the open card's lines, as a status shows them");
            d.fired("a card's status names the thresholds it reached");
            // Each threshold on its own (no short cut): every one reached fires its rule.
            boolean full = threshold(d, settings.minUnits() != null && units.compareTo(settings.minUnits()) >= 0,
                    "minimum units reached")
                    | threshold(d, settings.minPurchases() != null && purchases >= settings.minPurchases(),
                    "minimum purchases reached")
                    | threshold(d, settings.minVisits() != null && visits.size() >= settings.minVisits(),
                    "minimum visits reached")
                    | threshold(d, settings.minAmount() != null
                    && card.amount().add(pending).compareTo(settings.minAmount()) >= 0, "minimum amount reached");
            if (full) {
                d.notice("card full", "CARD_FULL");
            }
        }
        return d.verdict();
    }

    private static boolean threshold(DecisionScenario.PlainDecision d, boolean met, String rule) {
        if (met) {
            d.fired(rule);
        }
        return met;
    }

    /** What a line earns (accrual.drl), or null when it earns nothing: ineligible, or no period in force. */
    private static BigDecimal earning(DecisionScenario.PlainDecision d, CardSaleLine x, CardSettings settings,
                                      List<CardProductPeriod> periods) {
        BigDecimal percent = defaultInForce(d, settings, x.date());
        CardProductPeriod in = null;
        for (CardProductPeriod p : periods) {
            if (p.product().equals(x.product()) && !p.validFrom().isAfter(x.date())
                    && (in == null || p.validFrom().isAfter(in.validFrom()))) {
                in = p;
            }
        }
        if (in == null || percent == null) {
            return null;
        }
        d.fired("a line is judged by its product's period in force on the sale date");
        if (!in.eligible()) {
            return null;
        }
        d.fired("an eligible line not on a card yet earns its percentage of its amount");
        BigDecimal p = in.percent() != null ? in.percent() : percent;
        return x.amount().multiply(p).divide(HUNDRED, x.amount().scale(), RoundingMode.HALF_UP);
    }

    private static BigDecimal defaultInForce(DecisionScenario.PlainDecision d, CardSettings settings, LocalDate date) {
        if (settings.defaultPeriods().isEmpty()) {
            d.fired("a practice that never configured its card earns the rule set's default percentage");
            return settings.defaultPercent();
        }
        CardDefaultPeriod in = null;
        CardDefaultPeriod first = null;
        for (CardDefaultPeriod p : settings.defaultPeriods()) {
            if (!p.validFrom().isAfter(date) && (in == null || p.validFrom().isAfter(in.validFrom()))) {
                in = p;
            }
            if (first == null || p.validFrom().isBefore(first.validFrom())) {
                first = p;
            }
        }
        if (in != null) {
            d.fired("a line earns the practice's default percentage in force on the sale date");
            return in.percent();
        }
        d.fired("a line sold before the practice's first default percentage earns the first one");
        return first.percent();
    }

    private static CardStoredLine stored(List<Object> facts, CardSaleLine x) {
        for (CardStoredLine s : DecisionScenario.all(facts, CardStoredLine.class)) {
            if (s.document().equals(x.document()) && s.line().equals(x.line())) {
                return s;
            }
        }
        return null;
    }
}
