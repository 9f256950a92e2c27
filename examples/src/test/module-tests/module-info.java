/**
 * A host's own tests as a named module: they read the engine and the test library (an automatic module, as
 * a host gets it from Maven), and JUnit's API, which the library's fixtures assert with.
 * {@code ModulePathTest} compiles it against the module path and runs it there.
 */
module org.loyaltyengine.examples.moduletests {
    requires org.loyaltyengine.engine;
    requires org.loyaltyengine.testing;
    requires org.junit.jupiter.api;
}
