package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.loyaltyengine.spi.RuleRef;

/** A {@link RuleRef} as three columns, shared by ledger entries and holds. */
@Embeddable
class RuleColumns {
    @Column(name = "rule_set", nullable = false)
    String ruleSet;
    @Column(name = "rule_version", nullable = false)
    Integer version;
    @Column(name = "rule_name", nullable = false)
    String name;

    protected RuleColumns() {
    }

    RuleColumns(RuleRef rule) {
        this.ruleSet = rule.ruleSet();
        this.version = rule.version();
        this.name = rule.rule();
    }

    RuleRef toRule() {
        return new RuleRef(ruleSet, version, name);
    }
}
