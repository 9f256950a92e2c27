/**
 * The JPA store. Exported: {@code org.loyaltyengine.jpa}, whose only public types are {@code JpaStore}
 * and its builder; the entities in it are package-private.
 */
module org.loyaltyengine.jpa {
    requires transitive org.loyaltyengine.spi;
    // Transitive: Builder.entityManagerFactory takes the host's EntityManagerFactory.
    requires transitive jakarta.persistence;
    // Failures reads SQLState and vendor codes from the SQLException in a cause chain.
    requires java.sql;
    // Optional: where Hibernate is the provider, the rows never changed after are inserted with plain JDBC on the
    // transaction's connection, reached through Hibernate's Session (Connections). Any other provider does without.
    requires static org.hibernate.orm.core;

    exports org.loyaltyengine.jpa;

    // The persistence provider reads and writes the package-private entities' fields and builds their
    // proxies in this package. Open to every module, not to org.hibernate.orm.core: the adapter needs no
    // provider of its own (the host brings Hibernate, EclipseLink or another), and an open package still
    // exports nothing more at compile time.
    opens org.loyaltyengine.jpa;
    // The schema scripts are the contract with the database: a host (or its migration tool) reads
    // org/loyaltyengine/jpa/schema/*.sql as class-loader resources, which a named module yields only
    // from a package opened to everyone.
    opens org.loyaltyengine.jpa.schema;
}
