package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * Two stores on two nodes of a Galera cluster race on a decision that only a lock row keeps apart: each
 * takes the same key, reads whether anybody has claimed it (a document under the key's owner), and if not
 * claims it with a document of its own id. The two documents are different rows, so nothing but the lock
 * row is common to the two transactions. On one server the second waits for the first's lock and then
 * finds its claim. Across Galera nodes a {@code SELECT ... FOR UPDATE} locks only on its own node: both
 * transactions held "the" lock at once, both found no claim, and both committed theirs (two claims, no
 * re-run). Since the lock raises the row's {@code lock_count}, the two write a common row; Galera's
 * certification refuses the later one, the store re-runs it, and the re-run finds the winner's claim.
 *
 * <p>Both transactions are made to hold the lock at the same time: each waits, once it has the lock, until
 * the other has it too (or a few seconds have passed, which is what happens on one server, where the other
 * is waiting for the lock). The cluster is started by {@code start-galera.sh}, as for {@link GaleraScaleOutTest},
 * and stopped afterwards unless {@code -Dgalera.keep=true}.
 */
@Tag("galera")
@Tag("X-5")
class GaleraLockRowTest {
    private static final int ROUNDS = 5;
    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
    private static final String CLAIM = "claim";

    private static HikariDataSource pool1;
    private static HikariDataSource pool2;
    private static JpaStore node1;
    private static JpaStore node2;
    /** Through node 1, each read waiting until the node has applied everything committed before it. */
    private static HikariDataSource checkPool;
    private static JpaStore checker;

    @BeforeAll
    static void startCluster() throws Exception {
        GaleraScaleOutTest.startWithFreshSchema();
        pool1 = ScaleOutInstance.pool(GaleraScaleOutTest.url(0), 2, "node1");
        pool2 = ScaleOutInstance.pool(GaleraScaleOutTest.url(1), 2, "node2");
        node1 = ScaleOutInstance.store(pool1);
        node2 = ScaleOutInstance.store(pool2);
        checkPool = ScaleOutInstance.pool(GaleraScaleOutTest.url(0) + "?sessionVariables=wsrep_sync_wait=1", 1, "check");
        checker = ScaleOutInstance.store(checkPool);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {node1, node2, checker, pool1, pool2, checkPool}) {
            if (c != null) {
                c.close();
            }
        }
        if (!Boolean.getBoolean("galera.keep")) {
            GaleraScaleOutTest.script("stop-galera.sh");
        }
    }

    @Test
    void aKeyLockedThroughTwoNodes_isHeldByOneAtATime() throws Exception {
        race("locks", (tx, round) -> tx.locks().lock(List.of(LockKey.customer("c" + round))));
    }

    @Test
    void anAccountNotOpenedYet_lockedThroughTwoNodes_isHeldByOneAtATime() throws Exception {
        // No account is ever opened under the key, so Accounts.lock locks its key's lock row every time.
        race("accounts", (tx, round) -> tx.accounts().lock(List.of(
                new AccountKey("c" + round, "customer-card", Unit.credit("EUR")))));
    }

    private void race(String name, BiConsumer<StoreTransaction, Integer> lock) throws Exception {
        TenantId tenant = TenantId.of("lockrow-" + name + "-" + System.currentTimeMillis());
        // The lock rows exist before the race: two first inserts of one key would conflict by its unique key
        // whatever the lock does. Taken through both nodes, so each has the row before the race begins.
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            for (JpaStore store : List.of(node1, node2)) {
                store.inTransaction(tenant, tx -> {
                    lock.accept(tx, r);
                    return null;
                });
            }
        }
        long retriesBefore = node1.retries() + node2.retries();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> violations = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                String owner = "c" + round;
                CountDownLatch bothLocked = new CountDownLatch(2);
                List<Future<?>> claims = new ArrayList<>();
                for (JpaStore store : List.of(node1, node2)) {
                    String claimant = store == node1 ? "n1" : "n2";
                    int[] attempt = {0};
                    claims.add(pool.submit(() -> store.inTransaction(tenant, tx -> {
                        lock.accept(tx, r);
                        if (attempt[0]++ == 0) {
                            bothLocked.countDown();
                            awaitQuietly(bothLocked);
                        }
                        if (tx.documents().list(CLAIM, owner).isEmpty()) {
                            tx.documents().save(new Document(CLAIM, owner + "-" + claimant, owner, "OPEN", DAY, null,
                                    Map.of("amount", BigDecimal.ONE.toPlainString()), List.of(), 0));
                        }
                        return null;
                    })));
                }
                for (Future<?> f : claims) {
                    f.get(2, TimeUnit.MINUTES);
                }
                // Read through node 1 once it has applied everything committed before.
                List<String> found = claimsOf(tenant, owner);
                if (found.size() != 1) {
                    violations.add("round " + round + ": claims " + found);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long reRuns = node1.retries() + node2.retries() - retriesBefore;
        System.out.printf("%s: %d rounds, %d re-runs, violations %s%n", name, ROUNDS, reRuns, violations);
        assertEquals(List.of(), violations, "each key claimed once");
        // Every round had both transactions hold the key at once, so in every round one lost certification.
        assertTrue(reRuns >= ROUNDS, () -> "re-runs: " + reRuns + " in " + ROUNDS + " rounds");
    }

    private static List<String> claimsOf(TenantId tenant, String owner) {
        return checker.inTransaction(tenant, tx -> tx.documents().list(CLAIM, owner).stream().map(Document::id)
                .sorted().toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
