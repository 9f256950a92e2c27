package org.loyaltyengine.jpa;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.MappedSuperclass;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.RuleRef;

/**
 * The columns a ledger entry and a hold share: something moved on one account, for a document line,
 * by a user and a rule. The account's key is kept beside its id so that reading by document needs no join.
 */
@MappedSuperclass
abstract class MovementRow {
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "account_id", nullable = false)
    Long accountId;
    @Embedded
    KeyColumns account;
    @Column(name = "amount", nullable = false)
    BigDecimal amount;
    @Column(name = "amount_scale", nullable = false)
    Integer amountScale;
    @Column(name = "document_ref")
    String document;
    @Column(name = "line_ref")
    String line;
    @Column(name = "actor", nullable = false)
    String actor;
    @Embedded
    RuleColumns rule;

    protected MovementRow() {
    }

    MovementRow(String tenant, Long accountId, AccountKey key, BigDecimal amount, String document, String line,
                String actor, RuleRef rule) {
        this.tenant = tenant;
        this.accountId = accountId;
        this.account = new KeyColumns(key);
        this.amount = Decimals.storable(amount, "amount");
        this.amountScale = amount.scale();
        this.document = document;
        this.line = line;
        this.actor = actor;
        this.rule = new RuleColumns(rule);
    }

    BigDecimal amount() {
        return Decimals.read(amount, amountScale);
    }
}
