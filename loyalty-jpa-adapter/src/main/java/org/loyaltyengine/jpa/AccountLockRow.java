package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.AccountKey;

/**
 * The lock of an account key whose account does not exist yet. A command on an account that is not
 * opened yet has no account row to lock, yet it must wait for another command on the same key: both
 * may decide to open it, or one may decide on what the other is about to change (a customer being
 * enrolled while a sale of theirs is locked). This row is what they lock instead, and what a
 * {@link org.loyaltyengine.spi.LockKey} is locked by. It carries only how often it was locked: a lock
 * raises {@link #lockCount}, so that the lock is a write, which a Galera cluster certifies across its
 * nodes ({@link JpaLocks#lockKey}).
 */
@Entity
@Table(name = "le_account_lock")
class AccountLockRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Embedded
    KeyColumns account;
    /** Raised by every lock but the first (the insert); read by nobody, written so the lock replicates. */
    @Column(name = "lock_count", nullable = false)
    long lockCount;

    protected AccountLockRow() {
    }

    AccountLockRow(String tenant, AccountKey key) {
        this.tenant = tenant;
        this.account = new KeyColumns(key);
    }
}
