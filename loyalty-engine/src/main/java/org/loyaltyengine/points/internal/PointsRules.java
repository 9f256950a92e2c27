package org.loyaltyengine.points.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsLedgerQuery;
import org.loyaltyengine.rules.facts.PointsLedgerResult;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * The program's rule set as the commands and reads need it besides the pipeline's evaluation: the settings in
 * force on a date, whose defaults the version in force gives ({@code setting.<name>} in its
 * {@code ruleset.properties}), and how the rules count ledger entries for a read that decides nothing.
 */
final class PointsRules {
    private final RuleSetRegistry registry;

    PointsRules(RuleSetRegistry registry) {
        this.registry = registry;
    }

    RuleSetRegistry registry() {
        return registry;
    }

    RuleSetVersion versionOn(LocalDate date) {
        return registry.versionInForce(SavingsPoints.PROGRAM, date);
    }

    /** The stored settings, or for a program never configured the defaults of the version in force on {@code date}. */
    PointsSettings settings(StoreView view, LocalDate date) {
        return settings(view.settings(SavingsPoints.PROGRAM), date);
    }

    /** {@link #settings(StoreView, LocalDate)} of settings already read. */
    PointsSettings settings(Map<String, String> stored, LocalDate date) {
        RuleSetVersion v = versionOn(date);
        return PointsSettings.inForce(stored, v.settingDefaults(), v.ruleSet() + " v" + v.version());
    }

    /**
     * How the rules in force on {@code date} count {@code entries} (earned, used or expired): a read asks them
     * outside any command (no key, nothing written), so the reports count as the commands decide.
     *
     * @throws RuleFailedException when the rules leave an entry without a class
     */
    PointsLedgerResult classify(StoreView view, List<LedgerEntry> entries, LocalDate date) {
        if (entries.isEmpty()) {
            return new PointsLedgerResult(Map.of());
        }
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsLedgerQuery());
        facts.addAll(PointsFacts.entries(entries));
        facts.addAll(PointsFacts.expiryRuns(view));
        RuleSetRegistry.Compiled compiled = registry.inForce(SavingsPoints.PROGRAM, date);
        PointsLedgerResult result = Evaluator.evaluate(compiled, facts).resultOf(PointsLedgerResult.class)
                .orElse(new PointsLedgerResult(Map.of()));
        for (LedgerEntry e : entries) {
            if (result.classOf(e.sequence()) == null) {
                // A report cannot leave an entry out of its sums: every entry is earned, used or expired.
                throw new RuleFailedException(SavingsPoints.PROGRAM, compiled.version().version(), "(none)",
                        "the rules count ledger entry " + e.sequence() + " as neither earned, used nor expired");
            }
        }
        return result;
    }
}
