package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.Explanation;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;

/**
 * {@code CommandHistory.explain} (SPEC X-11): on a fresh engine where the log before an entry was rerun, the
 * facts its rules were given and the rules that fired; where the state is not the logged one, or the store
 * already holds the key's outcome, a caveat instead of facts presented as exact.
 */
@Tag("X-11")
class CommandHistoryExplainTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);
    private static final TenantId SHOP = TenantId.of("shop-1");
    private static final Actor CLERK = Actor.of("clerk-ria", PosCards.CARDS_PERMISSION);
    private static final Actor AUDITOR = Actor.of("auditor-jan", CommandHistory.READ_PERMISSION);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-31T09:00:00Z"));
    private final LoyaltyEngine original = LoyaltyEngine.builder().store(new InMemoryStore()).clock(clock).build();
    private final List<CommandLogEntry> log;
    private int key;

    CommandHistoryExplainTest() {
        PosCards pos = original.posCards();
        pos.defineCard(next(), new Card("1001", "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK")));
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.identifyCard(next(), new IdentifyCard("R1", "1001", null));
        pos.addItem(next(), AddItem.topUp("R1", "1", Money.of("200.00", "CZK")));
        pos.pay(next(), new PayReceipt("R1"));
        pos.changeCredit(next(), new ChangeCredit("1001", Money.of("-10.00", "CZK"), "refused: no permission"));
        StringWriter export = new StringWriter();
        original.commandLog().export(SHOP, AUDITOR, CommandLogQuery.all(), export);
        log = CommandHistory.importFrom(new StringReader(export.toString()));
    }

    private CommandContext next() {
        clock.advance(Duration.ofSeconds(7));
        return CommandContext.of(SHOP, CLERK, "k" + (++key), DAY);
    }

    /** A fresh engine on which the entries before {@code index} were rerun, its clock at the entry's time. */
    private LoyaltyEngine stateBefore(int index) {
        MutableClock replay = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LoyaltyEngine fresh = LoyaltyEngine.builder().store(new InMemoryStore()).clock(replay).build();
        for (CommandLogEntry e : log.subList(0, index)) {
            replay.advance(Duration.between(replay.instant(), e.recordedAt()));
            fresh.commandLog().rerun(e);
        }
        replay.advance(Duration.between(replay.instant(), log.get(index).recordedAt()));
        return fresh;
    }

    @Test
    void explain_onTheStateBefore_showsTheFactsAndTheRulesInOrder() {
        CommandLogEntry pay = log.get(4);
        Explanation x = stateBefore(4).commandLog().explain(pay);

        assertTrue(x.exact(), x.caveats()::toString);
        assertTrue(x.reproduced());
        assertEquals(new PayReceipt("R1"), x.request());
        assertEquals(pay.outcome().status(), x.outcome().status());
        assertEquals(1, x.evaluations().size(), x.evaluations()::toString);
        Explanation.Evaluation ev = x.evaluations().get(0);
        assertEquals("pos-card", ev.ruleSet());
        assertEquals(pay.ruleVersion(), ev.version());
        assertEquals(pay.rulesFired(), ev.rulesFired());
        // The receipt's top-up line as the rules were given it, and the command's own information.
        assertTrue(ev.facts().stream().anyMatch(f -> f.value().contains("\"200.00\"")), ev.facts()::toString);
        assertTrue(ev.facts().stream().anyMatch(f -> f.type().equals("CommandInfo") && f.value().contains(
                "\"user\":\"clerk-ria\"") && f.value().contains("\"now\":\"" + pay.recordedAt() + "\"")),
                ev.facts()::toString);
        assertTrue(ev.facts().stream().allMatch(Explanation.Fact::exact));
    }

    @Test
    void explain_ofACommandRefusedForItsPermission_evaluatesNoRule() {
        Explanation x = stateBefore(5).commandLog().explain(log.get(5));
        assertEquals(List.of("PERMISSION_REQUIRED"), x.outcome().reasonCodes());
        assertTrue(x.reproduced());
        assertTrue(x.exact());
        assertEquals(List.of(), x.evaluations());
    }

    @Test
    void explain_onAStateThatIsNotTheLoggedOne_saysSo() {
        // The receipt is paid on a store where the top-up line was never added.
        MutableClock replay = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LoyaltyEngine fresh = LoyaltyEngine.builder().store(new InMemoryStore()).clock(replay).build();
        for (int i : new int[] {0, 1, 2}) {
            replay.advance(Duration.between(replay.instant(), log.get(i).recordedAt()));
            fresh.commandLog().rerun(log.get(i));
        }
        replay.advance(Duration.between(replay.instant(), log.get(4).recordedAt()));
        Explanation x = fresh.commandLog().explain(log.get(4));
        assertFalse(x.exact());
        assertFalse(x.reproduced());
        assertTrue(x.caveats().stream().anyMatch(c -> c.contains("these are not the facts its rules saw")
                || c.contains("the facts its rules saw are not known")), x.caveats()::toString);
    }

    @Test
    void explain_onTheStoreTheCommandRanOn_runsNothingAndSaysWhy() {
        long logged = original.commandLog().read(SHOP, AUDITOR, CommandLogQuery.all()).size();
        Explanation x = original.commandLog().explain(log.get(4));
        assertNull(x.outcome());
        assertFalse(x.reproduced());
        assertEquals(List.of(), x.evaluations());
        assertEquals(1, x.caveats().size());
        assertTrue(x.caveats().get(0).startsWith("this store already holds an outcome under key k5"), x.caveats()::toString);
        assertEquals(logged, original.commandLog().read(SHOP, AUDITOR, CommandLogQuery.all()).size());
    }
}
