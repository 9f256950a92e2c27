/**
 * A host application as a named module: it reads the engine (and, through it, the SPI) and nothing else.
 * {@code ModulePathTest} compiles it against the module path and runs it there.
 */
module org.loyaltyengine.examples.modulehost {
    requires org.loyaltyengine.engine;
}
