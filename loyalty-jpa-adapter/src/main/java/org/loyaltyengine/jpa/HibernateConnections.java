package org.loyaltyengine.jpa;

import java.sql.Connection;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The connection of a Hibernate session's transaction. Loaded only once {@link Connections} found Hibernate to be
 * the provider. The connection stays the session's: it is used inside the transaction it belongs to and never
 * closed here (resource-local sessions hold it until the transaction ends).
 */
final class HibernateConnections {
    private HibernateConnections() {
    }

    static Connection of(EntityManager em) {
        return em.unwrap(Session.class).doReturningWork(connection -> connection);
    }
}
