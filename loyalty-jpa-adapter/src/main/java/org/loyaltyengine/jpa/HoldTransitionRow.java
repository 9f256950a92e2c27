package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one terminal transition of a hold. The unique key (tenant, hold) is the database's own proof
 * that a hold settled once, behind the compare-and-set on {@code le_hold.state}.
 */
@Entity
@Table(name = "le_hold_transition")
class HoldTransitionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "hold_ref", nullable = false)
    String holdId;
    @Column(name = "state", nullable = false)
    String state;
    @Column(name = "at_nanos", nullable = false)
    Long at;

    protected HoldTransitionRow() {
    }

    HoldTransitionRow(String tenant, String holdId, String state, Long at) {
        this.tenant = tenant;
        this.holdId = holdId;
        this.state = state;
        this.at = at;
    }
}
