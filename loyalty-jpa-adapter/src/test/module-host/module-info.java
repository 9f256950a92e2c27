/**
 * A host application as a named module that keeps its state in a database through the JPA store. It
 * names no persistence provider: Hibernate ORM and H2 are on the module path and found as services.
 * {@code ModulePathTest} compiles it against the module path and runs it there.
 */
module org.loyaltyengine.jpa.modulehost {
    requires org.loyaltyengine.engine;
    requires org.loyaltyengine.jpa;
    requires java.sql;
}
