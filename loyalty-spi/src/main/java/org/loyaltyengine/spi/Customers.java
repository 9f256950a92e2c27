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
     * <p>The caller locks the customer ({@link LockKey#customer}) and its number
     * ({@link LockKey#customerNumber}) before it reads them, so a number it found free stays free. Two
     * transactions creating the same number at once without those locks are a race the database
     * settles: the second re-runs and decides on the first's customer.
     *
     * @throws DuplicateKeyException if another customer holds the same customer number
     */
    void save(Customer customer);

    /**
     * Every customer of the tenant, in the order they were first saved (a change keeps the place):
     * listings and exports come out the same on every store.
     * A listing is as the customers are now; a second one in the same transaction may differ.
     */
    List<Customer> all();
}
