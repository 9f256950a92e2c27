package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosReceipt;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Unit;

/**
 * The evaluator's pooled sessions decide exactly what a new stateless session of the same KieBase decides
 * (what every evaluation ran in before sessions were pooled), for the packaged POS rules' decisions of
 * different kinds interleaved, hundreds of times in a row and on four threads at once (SPEC X-2).
 */
@Tag("X-2")
class EvaluatorSessionsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private final RuleSetRegistry.Compiled rules = new RuleSetRegistry(RuleSource.defaults().only("pos-card/v1"))
            .inForce("pos-card", DAY);

    /** Everything a decision holds, comparable. */
    private static List<Object> contents(Decision d) {
        return List.of(d.firedRules(), d.results(), d.postings(), d.holdRequests(), d.holdChanges(), d.rejections(),
                d.notices(), d.rejectionDetails());
    }

    /** The evaluation as it was made before sessions were pooled: a new stateless session each time. */
    private List<Object> fresh(List<Object> facts) {
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        Decision decision = new Decision();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                decision.enterRule(event.getMatch().getRule().getName());
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                decision.exitRule();
            }
        });
        List<Object> all = new ArrayList<>(facts);
        all.add(decision);
        session.execute(all);
        return contents(decision);
    }

    private static CommandInfo info(String command) {
        return new CommandInfo(command, DAY, Instant.parse("2026-03-14T10:00:00Z"), "cashier", Set.of(), false);
    }

    /** An item added to a receipt in the given mode (null: no card) and status, with three items on it already. */
    private static List<Object> addItem(String mode, String status) {
        String number = mode == null ? null : mode.equals("DISCOUNT") ? "4242" : "2001";
        boolean credit = "CREDIT".equals(mode);
        List<Object> facts = new ArrayList<>();
        facts.add(new PosAddItem("R-1", "4", "cappuccino", new BigDecimal("65.00"), false, new BigDecimal("12"), null));
        facts.add(new PosReceiptTransition("R-1", PosReceiptTransition.ADD_ITEM));
        facts.add(new PosReceipt("R-1", status, "CZK", number, number != null, mode, "DISCOUNT".equals(mode) ? 3 : 0));
        facts.add(new PosSettings(720));
        if (number != null) {
            AccountKey account = new AccountKey("card:" + number, "pos-card", Unit.currency("CZK"));
            facts.add(new PosCard(number, credit ? BigDecimal.ZERO : BigDecimal.TEN, credit, credit, "CZK", account,
                    new BigDecimal("1000.00"), credit ? new BigDecimal("120.00") : BigDecimal.ZERO));
        }
        for (int line = 1; line <= 3; line++) {
            facts.add(new PosItem("R-1", Integer.toString(line), new BigDecimal("40.00"),
                    "DISCOUNT".equals(mode) ? new BigDecimal("4.00") : BigDecimal.ZERO, false, false,
                    credit ? "k" + line + "#h1" : null, credit, false));
        }
        facts.add(info("pos-card.add-item"));
        return List.copyOf(facts);
    }

    private List<List<Object>> cases() {
        // Discount, reservation, neither, and a refusal (the receipt was paid).
        return List.of(addItem("DISCOUNT", "OPEN"), addItem("CREDIT", "OPEN"), addItem(null, "OPEN"),
                addItem("DISCOUNT", "PAID"));
    }

    @Test
    void pooledSessionsDecideWhatNewSessionsDecide_inARowAndOnFourThreads() throws Exception {
        List<List<Object>> cases = cases();
        List<List<Object>> expected = cases.stream().map(this::fresh).toList();
        // The cases decide differently (so a decision carried over would show), and each decides something.
        assertEquals(cases.size(), Set.copyOf(expected).size());
        expected.forEach(e -> assertFalse(((List<?>) e.get(0)).isEmpty(), () -> "no rule fired: " + expected));

        for (int round = 0; round < 200; round++) {
            for (int c = 0; c < cases.size(); c++) {
                assertEquals(expected.get(c), contents(Evaluator.evaluate(rules, cases.get(c))), "round " + round);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                done.add(threads.submit(() -> {
                    for (int round = 0; round < 300; round++) {
                        int c = (round + offset) % cases.size();
                        assertEquals(expected.get(c), contents(Evaluator.evaluate(rules, cases.get(c))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
