package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** Customers of a tenant. */
public interface Customers {
    Optional<Customer> find(String id);

    Optional<Customer> findByNumber(String number);

    /**
     * Inserts or replaces a customer.
     *
     * <p>A number this transaction found free ({@link #findByNumber}) that another transaction took
     * meanwhile is a race, not a duplicate: the store re-runs the work (as for any transient conflict),
     * so the work decides again on the other transaction's customer.
     *
     * @throws DuplicateKeyException if another customer holds the same customer number
     */
    void save(Customer customer);

    /**
     * Every customer of the tenant, in the order they were first saved (a change keeps the place):
     * listings and exports come out the same on every store.
     *
     * <p>Within one transaction a second listing finds the same customers as the first (with this
     * transaction's own saves): when another transaction created or changed one in between, the store
     * re-runs the work rather than let it decide on two different lists.
     */
    List<Customer> all();
}
