package org.loyaltyengine.jpa;

/**
 * One repository of a {@link JpaTransaction}: every call it makes runs through the transaction's
 * {@link JpaTransaction#call}, on the EntityManager and bookkeeping the repositories share.
 */
abstract class JpaRepository {
    final JpaTransaction tx;
    final JpaShared s;

    JpaRepository(JpaTransaction tx, JpaShared shared) {
        this.tx = tx;
        this.s = shared;
    }
}
