package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.BY_KEY;
import static org.loyaltyengine.jpa.JpaShared.byKey;

import java.util.ArrayList;
import java.util.Collection;

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
     * Locks an account key's lock row by raising its count, inserting it if this is the first command on
     * the key; one statement when the row is there, as the {@code SELECT ... FOR UPDATE} it replaces. On
     * one server the update takes the row's lock exactly as that select did (and waits for a holder the
     * same way). On a Galera cluster a lock taken by a select is local to its node and never replicated,
     * so two transactions through two nodes both held it, and both committed what each decided without
     * the other; the update is a write, certified across the nodes, so the later of the two is refused
     * at commit (or aborted by the winner's write set) and re-run, and then decides on what the first
     * wrote. An update that changes nothing is not replicated, hence a count and not a no-op assignment.
     * A concurrent first insert waits for this transaction (unique key) and is then refused, and its
     * work re-run: by then the row is there to wait on.
     */
    void lockKey(AccountKey key) {
        int locked = byKey(s.em.createQuery("update AccountLockRow r set r.lockCount = r.lockCount + 1"
                + " where r.tenant = :t" + BY_KEY).setParameter("t", s.t), key).executeUpdate();
        if (locked == 0) {
            tx.insertOrRerun(new AccountLockRow(s.t, key), "account key " + key + " was locked concurrently");
        }
    }
}
