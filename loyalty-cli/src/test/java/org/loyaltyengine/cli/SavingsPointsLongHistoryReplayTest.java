package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * A savings-points log with a customer of a long history replays as it ran (SPEC X-11, SP-13): the log in
 * {@code logs/savings-points-long-history.jsonl.gz} was recorded by the engine before a command showed the rules
 * the entries of other documents summed (one fact per kind, line, sign and year instead of one per entry), so
 * every outcome it holds (status, reasons with their texts, notices, version, rules fired in their order, entries,
 * balances) is what the rules decided over every entry on its own.
 *
 * <p>The log: one agency (rate 0.10, payments with points up to 100%, expiry on, points spendable from the year
 * after they are earned) and six customers over 2023 to mid-2026: customer {@code long} with more than 2,000
 * entries (bookings of one to three lines, payments with points and in money, price changes, cancellations,
 * manual credits, and deductions that leave it a few hundred points, so that what it may spend turns on what
 * it earned this year and before), five others with fewer, two of them silent for a year so that the year-end
 * runs of 2023 (on time), 2024 (late) and 2025 expire their points and a later cancellation finds the expiry on
 * its lines. Each of its commands ran before its business date's year-end run, so the rules saw every kind of
 * history a command can meet: none, only earning and payments, and one with expiries.
 */
@Tag("X-11")
@Tag("SP-13")
class SavingsPointsLongHistoryReplayTest {
    private static final String LOG = "/logs/savings-points-long-history.jsonl.gz";

    @Test
    void everyOutcomeOfALongHistoryReplaysAsItWasDecided() throws IOException {
        List<CommandLogEntry> log;
        try (InputStream in = new GZIPInputStream(SavingsPointsLongHistoryReplayTest.class.getResourceAsStream(LOG));
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            log = CommandHistory.importFrom(reader);
        }
        Map<String, Integer> entries = new HashMap<>();
        int expiring = 0;
        for (CommandLogEntry e : log) {
            for (LedgerEntry x : e.outcome().entries()) {
                entries.merge(x.account().owner(), 1, Integer::sum);
            }
            if (e.outcome().rulesFired().contains("an expiry falls on the sources that started earning last first, "
                    + "each up to what it held")) {
                expiring++;
            }
        }
        // The log is the one described: a long history, and commands that met an expiry on their lines.
        assertTrue(entries.get("long") > 2_000, entries.toString());
        assertTrue(expiring > 0, "no command of the log met an expiry");

        Replay baseline = new Replay(RuleSource.defaults());
        List<String> differences = new ArrayList<>();
        for (CommandLogEntry e : log) {
            Replay.Result r = baseline.step(e);
            String why = Replay.baselineDifference(r);
            // Stricter than the baseline's comparison: the texts too, since a refusal for want of spendable
            // points names how many are held until next year (a total of the year's earning).
            if (why == null && !(r.outcome().rejections().equals(e.outcome().rejections())
                    && r.outcome().notices().equals(e.outcome().notices()))) {
                why = Replay.describe(e) + ": rejections " + r.outcome().rejections() + " and notices "
                        + r.outcome().notices() + " were " + e.outcome().rejections() + " and " + e.outcome().notices();
            }
            if (why != null) {
                differences.add(why);
            }
        }
        assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())),
                differences.size() + " of " + log.size() + " outcomes differ");
        assertEquals(2_621, log.size());
    }
}
