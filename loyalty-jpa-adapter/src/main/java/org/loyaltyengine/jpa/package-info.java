/**
 * The storage SPI on Jakarta Persistence: {@link org.loyaltyengine.jpa.JpaStore} and its
 * {@link org.loyaltyengine.jpa.JpaStore.Builder} are the whole public surface. The entities, the
 * column codec and the failure classification are package-private and may change in any release;
 * the schema scripts under {@code org/loyaltyengine/jpa/schema/} are the contract with the database.
 */
package org.loyaltyengine.jpa;
