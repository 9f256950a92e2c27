/**
 * The customers program's implementation: one {@code Command} class per command and the facade
 * {@code DefaultCustomers} that runs them. Public only where {@code LoyaltyEngine} and the engine's own
 * tests reach in; not a supported API, may change in any release. Hosts use
 * {@link org.loyaltyengine.customers.Customers}.
 */
package org.loyaltyengine.customers.internal;
