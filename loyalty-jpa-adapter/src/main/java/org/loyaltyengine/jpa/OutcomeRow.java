package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.StoredOutcome;

/** A stored outcome; unique per (tenant, idempotency key), which is the idempotency guard. */
@Entity
@Table(name = "le_outcome")
class OutcomeRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "idempotency_key", nullable = false)
    String key;
    @Column(name = "fingerprint", nullable = false)
    String fingerprint;
    @Column(name = "body", nullable = false)
    String body;

    protected OutcomeRow() {
    }

    /** {@code body} is the outcome as {@link TextCodec#outcome(org.loyaltyengine.spi.Outcome)} writes it. */
    OutcomeRow(String tenant, StoredOutcome o, String body) {
        this.tenant = tenant;
        this.key = o.key().value();
        this.fingerprint = o.fingerprint();
        this.body = body;
    }

    StoredOutcome toStored() {
        return new StoredOutcome(IdempotencyKey.of(key), fingerprint, TextCodec.outcome(body));
    }
}
