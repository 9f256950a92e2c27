package org.loyaltyengine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One released version of a rule set, as found in {@code <set>/v<N>/}: its manifest, DRL files and
 * scenario files (paths relative to the rule source).
 *
 * @param settingDefaults the defaults of the program's settings under this version, from the manifest's
 *                        {@code setting.<name>=value} lines: a setting the tenant never stored has the
 *                        value the version in force gives it, so a new version may change a default
 */
public record RuleSetVersion(String ruleSet, int version, LocalDate effectiveFrom, String description,
                             List<String> drlFiles, List<String> scenarioFiles, Map<String, String> settingDefaults) {
    public RuleSetVersion {
        drlFiles = List.copyOf(drlFiles);
        scenarioFiles = List.copyOf(scenarioFiles);
        settingDefaults = org.loyaltyengine.spi.Checks.sortedMap(settingDefaults, "setting defaults of " + ruleSet
                + " v" + version);
    }

    /** A version whose manifest gives no setting defaults. */
    public RuleSetVersion(String ruleSet, int version, LocalDate effectiveFrom, String description,
                          List<String> drlFiles, List<String> scenarioFiles) {
        this(ruleSet, version, effectiveFrom, description, drlFiles, scenarioFiles, Map.of());
    }

    public String folder() {
        return ruleSet + "/v" + version;
    }
}
