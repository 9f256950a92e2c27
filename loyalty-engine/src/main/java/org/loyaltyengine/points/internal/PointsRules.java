package org.loyaltyengine.points.internal;

import java.time.LocalDate;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;

/**
 * The program's rule set as the commands and reads need it besides the pipeline's evaluation: the settings in
 * force on a date, whose defaults the version in force gives ({@code setting.<name>} in its
 * {@code ruleset.properties}).
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
        RuleSetVersion v = versionOn(date);
        return PointsSettings.inForce(view.settings(SavingsPoints.PROGRAM), v.settingDefaults(),
                v.ruleSet() + " v" + v.version());
    }
}
