package org.loyaltyengine.jpa;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * One ledger entry; inserted, never updated. The identity column is the entry's sequence: it grows
 * with every insert, so it is strictly increasing within each tenant too.
 */
@Entity
@Table(name = "le_ledger_entry")
class EntryRow extends MovementRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    Long seq;
    @Column(name = "kind", nullable = false)
    String kind;
    @Column(name = "business_date", nullable = false)
    LocalDate businessDate;
    @Column(name = "recorded_at_nanos", nullable = false)
    Long recordedAt;
    @Column(name = "note")
    String note;
    @Column(name = "idempotency_key")
    String idempotencyKey;
    @Column(name = "hold_ref")
    String holdId;

    protected EntryRow() {
    }

    EntryRow(String tenant, Long accountId, LedgerEntry e) {
        super(tenant, accountId, e.account(), e.amount(), e.document(), e.line(), e.actor(), e.rule());
        this.kind = e.kind().name();
        this.businessDate = e.businessDate();
        this.recordedAt = Decimals.nanos(e.recordedAt());
        this.note = e.note();
        this.idempotencyKey = e.idempotencyKey();
        this.holdId = e.holdId();
    }

    LedgerEntry toEntry() {
        return new LedgerEntry(seq, account.toKey(), EntryKind.valueOf(kind), amount(), document, line, businessDate,
                Decimals.instant(recordedAt), actor, note, idempotencyKey, rule.toRule(), holdId);
    }
}
