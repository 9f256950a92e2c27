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
     */
    List<Customer> all();
}
