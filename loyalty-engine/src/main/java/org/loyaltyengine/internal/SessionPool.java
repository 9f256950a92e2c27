package org.loyaltyengine.internal;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.KeepReferenceOption;

/**
 * The sessions of one compiled rule-set version, kept between evaluations: building a session (its agenda,
 * the rule network's memories) was about half of what an evaluation cost in time and two thirds of what it
 * allocated. Drools' own {@link KieSessionsPool} keeps them; a session handed back with {@link #release} is
 * reset by Drools (working memory and fact handles, node memories, agenda, globals, every listener) before
 * another evaluation takes it.
 *
 * <p>A session whose evaluation did not end normally (a rule threw, the limits stopped it, the watchdog
 * stopped its thread, an {@code Error}) is never handed back, because its state is whatever the interruption
 * left. Drools' pool cannot let one go: {@code KieSession.destroy()} of a pooled session is
 * {@code dispose()}, which returns it to the pool, and the pool holds a reference to every session it ever
 * made. So {@link #discard} drops the whole Drools pool instead, and the next evaluation starts a new one;
 * sessions other threads hold go back to the dropped pool when they finish, and it is garbage after that.
 * The sessions are made without a reference from the KieBase ({@link KeepReferenceOption#NO}; the engine
 * never changes a KieBase after it is built, which is what that reference is for), so a dropped pool and its
 * sessions are referenced by nothing of the engine's.
 *
 * <p>Size: the pool starts with {@value #INITIAL_SIZE} session, made with the version's first evaluation,
 * and grows by one for each thread that evaluates the version while all the others are in use; it keeps
 * them. It therefore holds as many sessions as threads have evaluated the version at once (the in-memory
 * store runs one tenant's commands one after another; on a database, the host's threads bound it). Starting
 * larger would only build sessions that a version evaluated by one thread at a time never uses.
 *
 * <p>Thread-safe: Drools' pool hands a session to one caller at a time (a concurrent queue); replacing the
 * pool is one volatile write.
 */
public final class SessionPool {
    static final int INITIAL_SIZE = 1;

    private final KieBase kieBase;
    /**
     * One configuration for every session: Drools keeps one pool of sessions per configuration instance
     * (keyed by its identity), so a configuration made per call would make a new pool per call.
     */
    private final KieSessionConfiguration configuration;
    private volatile KieSessionsPool pool;

    public SessionPool(KieBase kieBase) {
        this.kieBase = kieBase;
        this.configuration = KieServices.get().newKieSessionConfiguration();
        this.configuration.setOption(KeepReferenceOption.NO);
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** A session for one evaluation, empty: new, or reset by Drools when it was released. */
    KieSession take() {
        KieSessionsPool current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    current = kieBase.newKieSessionsPool(INITIAL_SIZE);
                    pool = current;
                }
            }
        }
        return current.newKieSession(configuration);
    }

    /**
     * Hands back a session whose evaluation ended normally. Drools resets it here; if the reset fails, the
     * session is dropped with its pool, and the evaluation's decision stands (it was complete before).
     */
    void release(KieSession session) {
        try {
            session.dispose();
        } catch (RuntimeException e) {
            discard(session);
        }
    }

    /** Never hands {@code session} out again: the pool that holds it is dropped (see the class comment). */
    void discard(KieSession session) {
        synchronized (this) {
            // No shutdown(): it would dispose the sessions other threads are evaluating in.
            pool = null;
        }
    }
}
