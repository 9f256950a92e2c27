/**
 * The storage SPI and the domain vocabulary: one package, all of it API (the records, the typed
 * exceptions, {@code LoyaltyStore} and its repositories, {@code InMemoryStore}). It depends on nothing
 * but {@code java.base}, which {@code ArchitectureTest} also holds it to.
 */
module org.loyaltyengine.spi {
    exports org.loyaltyengine.spi;
}
