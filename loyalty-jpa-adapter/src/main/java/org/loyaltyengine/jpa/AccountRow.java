package org.loyaltyengine.jpa;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * One account with its running balance and held amount. Changed only while the row is locked
 * (PESSIMISTIC_WRITE); {@code @Version} is the second line should a write ever bypass the lock.
 */
@Entity
@Table(name = "le_account")
class AccountRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Embedded
    KeyColumns account;
    @Column(name = "floor_amount")
    BigDecimal floor;
    @Column(name = "floor_scale")
    Integer floorScale;
    @Column(name = "balance", nullable = false)
    BigDecimal balance;
    @Column(name = "balance_scale", nullable = false)
    Integer balanceScale;
    @Column(name = "held", nullable = false)
    BigDecimal held;
    @Column(name = "held_scale", nullable = false)
    Integer heldScale;
    @Version
    @Column(name = "version", nullable = false)
    long version;

    protected AccountRow() {
    }

    AccountRow(String tenant, Account account) {
        this.tenant = tenant;
        this.account = new KeyColumns(account.key());
        this.floor = Decimals.storable(account.floor(), "floor");
        this.floorScale = Decimals.scaleOf(account.floor());
        set(account);
    }

    AccountKey key() {
        return account.toKey();
    }

    Account toAccount() {
        return new Account(key(), Decimals.read(floor, floorScale), Decimals.read(balance, balanceScale),
                Decimals.read(held, heldScale));
    }

    /** Takes over balance and held from a state computed in Java under the row lock. */
    void set(Account account) {
        this.balance = Decimals.storable(account.balance(), "balance");
        this.balanceScale = account.balance().scale();
        this.held = Decimals.storable(account.held(), "held");
        this.heldScale = account.held().scale();
    }
}
