package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.first;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.Limits;

/** The customers of one {@link JpaTransaction}, each saved only over what it first read. */
final class JpaCustomers extends JpaRepository implements Customers {
    private static final String CUSTOMER_NUMBER = "customer number";

    /** Each customer this transaction first read by id or number (null: it read that there was none). */
    private final Map<String, Customer> customersRead = new HashMap<>();

    JpaCustomers(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    @Override
    public Optional<Customer> find(String id) {
        if (!Checks.isIdentifier(id, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        Optional<Customer> found = tx.call(() -> first(s.query("select c from CustomerRow c where c.tenant = :t"
                + " and c.customerId = :i", CustomerRow.class).setParameter("i", id)).map(CustomerRow::toCustomer));
        if (id != null && !customersRead.containsKey(id)) {
            customersRead.put(id, found.orElse(null));
        }
        return found;
    }

    @Override
    public Optional<Customer> findByNumber(String number) {
        if (!Checks.isIdentifier(number, Limits.CUSTOMER_NUMBER)) {
            return Optional.empty();
        }
        Optional<Customer> holder = tx.call(() -> first(s.query("select c from CustomerRow c where c.tenant = :t"
                + " and c.number = :n", CustomerRow.class).setParameter("n", number)).map(CustomerRow::toCustomer));
        holder.ifPresent(c -> customersRead.putIfAbsent(c.id(), c));
        return holder;
    }

    @Override
    public void save(Customer customer) {
        Checks.notNull(customer, "customer");
        // A unique key refusal at the flush is two transactions creating the same number (or id) at once:
        // the re-run decides on the other's customer. A caller that locks the number (LockKey.customerNumber)
        // before it looks never gets here; a number another holds already is a duplicate.
        tx.call(() -> {
            if (customer.number() != null) {
                Optional<Customer> holder = findByNumber(customer.number());
                if (holder.isPresent() && !holder.get().id().equals(customer.id())) {
                    throw new DuplicateKeyException(CUSTOMER_NUMBER, customer.number());
                }
            }
            Optional<CustomerRow> row = first(s.query("select c from CustomerRow c where c.tenant = :t"
                    + " and c.customerId = :i", CustomerRow.class).setParameter("i", customer.id())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE));
            row.ifPresent(r -> s.em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
            // As with documents: a save made from a read that another transaction has since
            // overtaken would lose that transaction's change.
            JpaShared.asFirstRead(customersRead, customer.id(), row.map(CustomerRow::toCustomer).orElse(null),
                    "customer " + customer.id() + " was");
            if (row.isPresent()) {
                row.get().set(customer);
            } else {
                s.em.persist(new CustomerRow(s.t, customer));
            }
            s.em.flush();
            // The row is locked (or not yet visible to others) until commit; a later read finds our own.
            customersRead.remove(customer.id());
            return null;
        }, () -> new Failures.Retry("customer " + customer.id() + " or number " + customer.number()
                + " was saved meanwhile by another transaction", null));
    }

    @Override
    public List<Customer> all() {
        return tx.call(() -> s.query("select c from CustomerRow c where c.tenant = :t order by c.id",
                CustomerRow.class).getResultList().stream().map(CustomerRow::toCustomer).toList());
    }
}
