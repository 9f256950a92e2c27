package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.BY_KEY;
import static org.loyaltyengine.jpa.JpaShared.byKey;
import static org.loyaltyengine.jpa.JpaShared.unique;

import java.util.ArrayList;
import java.util.Collection;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.Unit;

/**
 * Locks on keys that need not have a row, as rows of the account-key lock table, which
 * {@link JpaAccounts} also locks for an account not opened yet.
 */
final class JpaLocks extends JpaRepository implements Locks {
    JpaLocks(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    @Override
    public void lock(Collection<LockKey> keys) {
        Checks.list(new ArrayList<>(Checks.notNull(keys, "lock keys")), "lock keys");
        tx.call(() -> {
            // Written out and forgotten, as for accounts: rows read after the lock must come fresh.
            s.forgetRows();
            for (LockKey key : keys.stream().distinct().sorted().toList()) {
                lockKey(lockRowKey(key));
            }
            return null;
        });
    }

    /**
     * A lock key as a row of the account-key lock table: the unit names the lock's kind, which no
     * account unit spells with the {@code LOCK_} prefix unless a host names a credit type so, and then
     * the only effect is that two commands wait for each other.
     */
    private static AccountKey lockRowKey(LockKey key) {
        return new AccountKey(key.name(), key.scope(), Unit.credit("LOCK_" + key.kind().name()));
    }

    /**
     * Locks an account key's lock row, inserting it if this is the first command on the key. A
     * concurrent first insert waits for this transaction (unique key) and is then refused, and its
     * work re-run: by then the row is there to wait on.
     */
    void lockKey(AccountKey key) {
        boolean exists = unique(byKey(s.query("select r from AccountLockRow r where r.tenant = :t" + BY_KEY,
                AccountLockRow.class).setLockMode(LockModeType.PESSIMISTIC_WRITE), key)).isPresent();
        if (!exists) {
            tx.insertOrRerun(new AccountLockRow(s.t, key), "account key " + key + " was locked concurrently");
        }
    }
}
