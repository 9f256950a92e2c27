package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per rule-set version at once, for the places that compile several versions together
 * ({@code verifyRules()}, {@code RuleSource.describe()}). Each version is its own KieBase, independent of the
 * others, so on a machine with more than one processor the versions compile side by side; on one processor,
 * or for one version, they run one after another on the calling thread as before.
 *
 * <p>What the caller sees does not depend on which thread finished first: the results come back in the order
 * of the items, and when work fails, the failure thrown is the one of the first item in that order that
 * failed (the same exception object the work threw, so a {@code RuleCompilationException} keeps its file and
 * line), exactly what running them one after another would have thrown. Items after it that had not started
 * are not started.
 *
 * <p>The threads are daemons, made for the call and ended before it returns or throws: a host calling it is
 * left with no pool and no thread of it still running. They run with the caller's context class loader,
 * which Drools resolves the fact classes through.
 */
final class ParallelCompilation {
    private static final AtomicInteger CALLS = new AtomicInteger();

    private ParallelCompilation() {
    }

    /** {@code work} applied to each item, results in the items' order, on at most one thread per processor. */
    static <I, R> List<R> inOrder(List<I> items, Function<I, R> work) {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (I item : items) {
                results.add(work.apply(item));
            }
            return results;
        }
        List<Thread> started = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons(started));
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (I item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(BuildOnce.awaitUninterruptibly(futures.get(i)));
                } catch (ExecutionException e) {
                    // Every earlier item succeeded: this is the failure running them in order meets first.
                    for (int j = i + 1; j < futures.size(); j++) {
                        futures.get(j).cancel(false);
                    }
                    throw BuildOnce.rethrown(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdown();
            awaitTermination(pool, started);
        }
    }

    /** Daemon threads with the caller's context class loader, each kept in {@code started} to be waited for. */
    private static ThreadFactory daemons(List<Thread> started) {
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        int call = CALLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "loyalty-rule-compile-" + call + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(callers);
            started.add(t);
            return t;
        };
    }

    /**
     * Waits for the work already started (after a failure) to end, and then for the pool's threads themselves: a
     * terminated pool's last worker may still be on its way out of its thread, so no thread outlives the call only
     * once each is joined.
     */
    private static void awaitTermination(ExecutorService pool, List<Thread> started) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            for (Thread t : started) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
