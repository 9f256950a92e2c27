/**
 * The domain vocabulary (validated records: {@link org.loyaltyengine.spi.Money},
 * {@link org.loyaltyengine.spi.AccountKey}, {@link org.loyaltyengine.spi.LedgerEntry},
 * {@link org.loyaltyengine.spi.Outcome}, ...) and the storage SPI
 * ({@link org.loyaltyengine.spi.LoyaltyStore}) with the embedded
 * {@link org.loyaltyengine.spi.InMemoryStore}.
 *
 * <p>This package depends on the JDK only: no Drools, no JPA.
 */
package org.loyaltyengine.spi;
