package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.RuleRef;

/**
 * One hold. Its state leaves PENDING only through the compare-and-set UPDATE in
 * {@link JpaHolds}, and the unique row in {@code le_hold_transition} backs that.
 */
@Entity
@Table(name = "le_hold")
class HoldRow extends MovementRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "hold_ref", nullable = false)
    String holdId;
    @Column(name = "state", nullable = false)
    String state;
    @Column(name = "placed_at_nanos", nullable = false)
    Long placedAt;
    @Column(name = "expires_at_nanos")
    Long expiresAt;
    @Column(name = "settled_at_nanos")
    Long settledAt;
    @Column(name = "settled_by")
    String settledBy;
    // Plain columns, not RuleColumns: they are all null while the hold is pending.
    @Column(name = "settle_rule_set")
    String settleRuleSet;
    @Column(name = "settle_rule_version")
    Integer settleRuleVersion;
    @Column(name = "settle_rule_name")
    String settleRuleName;
    @Version
    @Column(name = "version", nullable = false)
    long version;

    protected HoldRow() {
    }

    HoldRow(String tenant, Long accountId, Hold h) {
        super(tenant, accountId, h.account(), h.amount(), h.document(), h.line(), h.actor(), h.rule());
        this.holdId = h.id();
        this.state = h.state().name();
        this.placedAt = Decimals.nanos(h.placedAt());
        this.expiresAt = Decimals.nanos(h.expiresAt());
        this.settledAt = Decimals.nanos(h.settledAt());
        this.settledBy = h.settledBy();
        if (h.settleRule() != null) {
            this.settleRuleSet = h.settleRule().ruleSet();
            this.settleRuleVersion = h.settleRule().version();
            this.settleRuleName = h.settleRule().rule();
        }
    }

    AccountKey account() {
        return account.toKey();
    }

    boolean isPending() {
        return HoldState.PENDING.name().equals(state);
    }

    Hold toHold() {
        return new Hold(holdId, account(), amount(), document, line, HoldState.valueOf(state),
                Decimals.instant(placedAt), Decimals.instant(expiresAt), Decimals.instant(settledAt), actor,
                rule.toRule(), settledBy,
                settleRuleSet == null ? null : new RuleRef(settleRuleSet, settleRuleVersion, settleRuleName));
    }
}
