package org.loyaltyengine.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One value per key, built once however many threads ask for it at the same time: the first caller builds it
 * on its own thread, the others wait for that build rather than starting their own. The build runs outside any
 * lock of the map, so builds of different keys never wait for each other (a {@code computeIfAbsent} of a
 * {@link ConcurrentHashMap} holds a lock over every key of the bin while it computes).
 *
 * <p>A build that throws leaves nothing behind: the callers waiting for it get its exception, and the next
 * caller builds again (a rule file fixed on disk is not what this is about, a source is immutable text; the
 * point is that a failure is never cached as if it were a value).
 */
final class BuildOnce<V> {
    private final ConcurrentHashMap<String, FutureTask<V>> builds = new ConcurrentHashMap<>();

    V get(String key, Supplier<V> build) {
        FutureTask<V> task = builds.get(key);
        if (task == null) {
            FutureTask<V> mine = new FutureTask<>(build::get);
            task = builds.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        try {
            return awaitUninterruptibly(task);
        } catch (ExecutionException e) {
            builds.remove(key, task);
            throw rethrown(e.getCause());
        }
    }

    /** What the build threw, as it threw it (the work builds with no checked exception). */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new org.loyaltyengine.InternalDefectException("a rule compilation failed with " + cause, cause);
    }

    /**
     * A build is bounded (seconds) and its result kept for every later caller, so an interrupt of a waiting
     * thread does not abandon it: the wait goes on and the interrupt is kept for the caller to see.
     */
    static <V> V awaitUninterruptibly(java.util.concurrent.Future<V> task) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
