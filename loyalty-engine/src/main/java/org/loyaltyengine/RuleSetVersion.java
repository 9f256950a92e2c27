package org.loyaltyengine;

import java.time.LocalDate;
import java.util.List;

/**
 * One released version of a rule set, as found in {@code <set>/v<N>/}: its manifest, DRL files and
 * scenario files (paths relative to the rule source).
 */
public record RuleSetVersion(String ruleSet, int version, LocalDate effectiveFrom, String description,
                             List<String> drlFiles, List<String> scenarioFiles) {
    public RuleSetVersion {
        drlFiles = List.copyOf(drlFiles);
        scenarioFiles = List.copyOf(scenarioFiles);
    }

    public String folder() {
        return ruleSet + "/v" + version;
    }
}
