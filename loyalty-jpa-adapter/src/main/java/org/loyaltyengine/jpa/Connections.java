package org.loyaltyengine.jpa;

import java.sql.Connection;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

/**
 * Reaches the JDBC connection of an EntityManager's transaction, where the provider offers a way: Hibernate's
 * {@code Session.doReturningWork} (JPA 3.1 has no portable one). Looked for by name, so the adapter needs no
 * provider at run time; with another provider, or none found, the rows are inserted through the provider
 * ({@link WriteOnceRows#entities}).
 */
final class Connections {
    private static final String HIBERNATE_SESSION = "org.hibernate.Session";

    private Connections() {
    }

    /** How to reach the connection of {@code em}'s kind of EntityManager, or null where the adapter cannot. */
    static Function<EntityManager, Connection> of(EntityManager em) {
        Class<?> session;
        try {
            session = Class.forName(HIBERNATE_SESSION, false, em.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!session.isInstance(em)) {
            return null;
        }
        // On the module path the adapter reads Hibernate only if told to: its module requires it statically.
        Connections.class.getModule().addReads(session.getModule());
        return HibernateConnections::of;
    }
}
