/**
 * The customer card's implementation: one class per command on the pipeline's command contract, the
 * reads they share, and {@link org.loyaltyengine.card.internal.DefaultCustomerCards}, the facade that
 * {@code LoyaltyEngine} builds. Public only so the engine can construct it; not a supported API, may
 * change in any release. Hosts use {@link org.loyaltyengine.card.CustomerCards}.
 */
package org.loyaltyengine.card.internal;
