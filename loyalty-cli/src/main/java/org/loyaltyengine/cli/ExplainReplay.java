package org.loyaltyengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.loyaltyengine.Explanation;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyException;

/**
 * The facts of one logged command for {@code loyalty explain}: the tenant's commands logged before it run again,
 * in the log's order, on a fresh in-memory store under the rules folder, each at the time it was recorded, so
 * that the store holds what it held when the command ran; then {@code CommandHistory.explain} runs the command
 * itself and records what its rules saw. Nothing but the in-memory store is written.
 */
final class ExplainReplay {
    /** The explanation and how the state before it was rebuilt. */
    record Result(Explanation explanation, int earlier, int earlierThrew) {
    }

    private ExplainReplay() {
    }

    static Result explain(RuleSource rules, List<CommandLogEntry> log, CommandLogEntry entry) {
        Replay.SettableClock clock = new Replay.SettableClock();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore()).rules(rules).clock(clock).build();
        int earlier = 0;
        int threw = 0;
        for (CommandLogEntry e : log) {
            if (e == entry) {
                break;
            }
            if (!e.tenant().equals(entry.tenant())) {
                continue;
            }
            clock.now = e.recordedAt();
            earlier++;
            try {
                engine.commandLog().rerun(e);
            } catch (LoyaltyException ex) {
                // Logged commands never threw; one that throws now leaves the state short of what it was, which
                // the explanation's comparison with the logged outcome then shows.
                threw++;
            }
        }
        clock.now = entry.recordedAt();
        return new Result(engine.commandLog().explain(entry), earlier, threw);
    }

    static void print(PrintWriter out, Result result, Path rules) {
        Explanation x = result.explanation();
        out.println("facts:         " + (x.exact() ? "as the rules saw them" : "NOT exactly known (see below)")
                + ", from the tenant's " + result.earlier() + " earlier logged commands run again in memory under "
                + rules + (result.earlierThrew() == 0 ? "" : " (" + result.earlierThrew() + " of them threw)"));
        if (x.evaluations().isEmpty() && x.outcome() != null) {
            out.println("  no rule was evaluated: the command was decided before any fact was read (a command"
                    + " refused for its permission reaches no rule)");
        }
        for (Explanation.Evaluation ev : x.evaluations()) {
            out.println("  " + ev.ruleSet() + " v" + ev.version() + " was given " + ev.facts().size() + " facts and"
                    + " fired " + ev.rulesFired().size() + " rules:");
            for (Explanation.Fact f : ev.facts()) {
                out.println("    " + f.type() + " " + f.value() + (f.exact() ? "" : " (as text)"));
            }
        }
        if (x.outcome() != null) {
            out.println("run again:     " + (x.reproduced() ? "decided as logged (" + x.outcome().status() + ")"
                    : "decided " + x.outcome().status() + " " + x.outcome().reasonCodes() + ", not as logged"));
        }
        x.caveats().forEach(c -> out.println("  caveat: " + c));
    }
}
