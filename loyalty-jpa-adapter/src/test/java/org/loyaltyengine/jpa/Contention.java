package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Many threads running mixed commands (draw, top-up, hold, capture, release) on a few hot and many
 * cold accounts, a fifth of the draws asking more than the balance; then every invariant is checked
 * against what the store holds. Used by the default build (16 x 500) and the stress profile (64 x 2,000).
 */
final class Contention {
    static final int HOT = 3;
    static final int COLD = 100;

    enum Op { DRAW, OVERDRAW, TOP_UP, HOLD, CAPTURE, RELEASE }

    /** What a run did and what it found. {@code violations} is empty when every invariant held. */
    record Figures(String database, int threads, int opsPerThread, Duration elapsed, long applied, long rejected,
                   long overdrawsRejected, long overdraws, long retries, List<String> violations) {
        long operations() {
            return (long) threads * opsPerThread;
        }

        double perSecond() {
            return operations() * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private record Result(Op op, Outcome outcome) {
    }

    private record OpenHold(String id, AccountKey account, BigDecimal amount) {
    }

    static Figures run(TestDatabase db, int threads, int opsPerThread) throws Exception {
        JpaStore store = db.store();
        TenantId tenant = TenantId.of("contention-" + System.nanoTime());
        Commands commands = new Commands(store, tenant);
        List<AccountKey> hot = IntStream.range(0, HOT).mapToObj(i -> Commands.account("hot-" + i)).toList();
        List<AccountKey> cold = IntStream.range(0, COLD).mapToObj(i -> Commands.account("cold-" + i)).toList();
        hot.forEach(a -> commands.open(a, "500.00"));
        cold.forEach(a -> commands.open(a, "100.00"));

        long retriesBefore = store.retries();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Result>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<Result>> job = () -> {
                start.await();
                return thread(commands, hot, cold, thread, opsPerThread);
            };
            futures.add(pool.submit(job));
        }
        long began = System.nanoTime();
        start.countDown();
        List<Result> results = new ArrayList<>();
        for (Future<List<Result>> f : futures) {
            results.addAll(f.get());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);

        List<String> violations = new ArrayList<>();
        long applied = 0;
        long rejected = 0;
        long overdraws = 0;
        long overdrawsRejected = 0;
        for (Result r : results) {
            if (r.outcome().applied()) {
                applied++;
            } else if (!r.outcome().reasonCodes().isEmpty()) {
                rejected++;
            } else {
                violations.add("an operation ended neither applied nor rejected with a reason: " + r);
            }
            if (r.op() == Op.OVERDRAW) {
                overdraws++;
                if (r.outcome().reasonCodes().contains(Commands.INSUFFICIENT)) {
                    overdrawsRejected++;
                } else {
                    violations.add("a draw of more than the balance was not refused: " + r);
                }
            }
        }
        List<AccountKey> all = new ArrayList<>(hot);
        all.addAll(cold);
        store.inTransaction(tenant, tx -> {
            for (AccountKey key : all) {
                Account a = tx.accounts().find(key).orElseThrow();
                BigDecimal ledger = tx.ledger().entries(key).stream().map(LedgerEntry::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal held = tx.holds().pending(key).stream().map(Hold::amount).reduce(BigDecimal.ZERO,
                        BigDecimal::add);
                if (a.available().compareTo(a.floor()) < 0) {
                    violations.add(key + " is below its floor: " + a);
                }
                if (a.balance().compareTo(ledger) != 0) {
                    violations.add(key + " balance " + a.balance() + " is not the sum of its ledger " + ledger);
                }
                if (a.held().compareTo(held) != 0) {
                    violations.add(key + " held " + a.held() + " is not the sum of its pending holds " + held);
                }
            }
            int stored = tx.outcomes().all().size();
            if (stored != results.size()) {
                violations.add(stored + " outcomes stored for " + results.size() + " operations");
            }
            return null;
        });
        return new Figures(db.label, threads, opsPerThread, elapsed, applied, rejected, overdrawsRejected, overdraws,
                store.retries() - retriesBefore, violations);
    }

    private static List<Result> thread(Commands commands, List<AccountKey> hot, List<AccountKey> cold, int thread,
                                       int ops) {
        Random random = new Random(thread * 7919L);
        List<OpenHold> open = new ArrayList<>();
        List<Result> results = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            String key = "t" + thread + "-op" + i;
            AccountKey account = random.nextInt(10) < 7 ? hot.get(random.nextInt(hot.size()))
                    : cold.get(random.nextInt(cold.size()));
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(1900), 2);
            int dice = random.nextInt(100);
            Op op = dice < 30 ? Op.DRAW : dice < 55 ? Op.TOP_UP : dice < 75 ? Op.HOLD : dice < 90 ? Op.CAPTURE
                    : Op.RELEASE;
            if (op == Op.DRAW && random.nextInt(5) == 0) {
                op = Op.OVERDRAW;
            }
            if ((op == Op.CAPTURE || op == Op.RELEASE) && open.isEmpty()) {
                op = Op.TOP_UP;
            }
            Outcome outcome = switch (op) {
                case DRAW -> commands.draw(key, account, amount);
                case OVERDRAW -> commands.overdraw(key, account, amount);
                case TOP_UP -> commands.topUp(key, account, amount);
                case HOLD -> {
                    Outcome placed = commands.hold(key, account, key, amount);
                    if (placed.applied()) {
                        open.add(new OpenHold(key, account, amount));
                    }
                    yield placed;
                }
                case CAPTURE -> {
                    OpenHold h = open.remove(random.nextInt(open.size()));
                    yield commands.capture(key, h.account(), h.id(), h.amount());
                }
                case RELEASE -> {
                    OpenHold h = open.remove(random.nextInt(open.size()));
                    yield commands.release(key, h.account(), h.id());
                }
            };
            results.add(new Result(op, outcome));
        }
        return results;
    }

    private Contention() {
    }
}
