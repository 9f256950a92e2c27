package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.unique;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.StaleWriteException;

/** The customers of one {@link JpaTransaction}, each updated compare-and-set on the customer the caller read. */
final class JpaCustomers extends JpaRepository implements Customers {
    private static final String CUSTOMER_NUMBER = "customer number";

    JpaCustomers(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<CustomerRow> customerRow(String id) {
        return unique(s.query("select c from CustomerRow c where c.tenant = :t and c.customerId = :i", CustomerRow.class)
                .setParameter("i", id));
    }

    @Override
    public Optional<Customer> find(String id) {
        if (!Checks.isIdentifier(id, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        return tx.call(() -> customerRow(id).map(CustomerRow::toCustomer));
    }

    @Override
    public Optional<Customer> findByNumber(String number) {
        if (!Checks.isIdentifier(number, Limits.CUSTOMER_NUMBER)) {
            return Optional.empty();
        }
        return tx.call(() -> unique(s.query("select c from CustomerRow c where c.tenant = :t and c.number = :n",
                CustomerRow.class).setParameter("n", number)).map(CustomerRow::toCustomer));
    }

    /** Refuses a number another customer holds, as committed; one being inserted meanwhile is the unique key's. */
    private void requireNumberFree(Customer customer) {
        if (customer.number() != null) {
            Optional<Customer> holder = findByNumber(customer.number());
            if (holder.isPresent() && !holder.get().id().equals(customer.id())) {
                throw new DuplicateKeyException(CUSTOMER_NUMBER, customer.number());
            }
        }
    }

    @Override
    public void insert(Customer customer) {
        Checks.notNull(customer, "customer");
        // An id or number another open transaction is inserting (a caller that did not lock them) waits on
        // the unique key and is refused at the flush, as one committed before is refused here.
        tx.call(() -> {
            if (customerRow(customer.id()).isPresent()) {
                throw new DuplicateKeyException("customer id", customer.id());
            }
            requireNumberFree(customer);
            s.em.persist(new CustomerRow(s.t, customer));
            s.em.flush();
            return null;
        }, () -> new DuplicateKeyException("customer id or number", customer.id() + " / " + customer.number()));
    }

    @Override
    public void update(Customer read, Customer customer) {
        Checks.replacing(read, customer, Customer::id, "customer");
        tx.call(() -> {
            requireNumberFree(customer);
            CustomerRow row = unique(s.query("select c from CustomerRow c where c.tenant = :t and c.customerId = :i",
                    CustomerRow.class).setParameter("i", customer.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE))
                    .orElseThrow(() -> new InvalidValueException("customer " + customer.id()
                            + " does not exist; insert it first"));
            // Locked and read afresh, so that the compare and the write see the same committed row.
            s.em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
            if (!row.toCustomer().equals(read)) {
                throw new StaleWriteException("customer " + customer.id() + " was changed meanwhile by another"
                        + " transaction; read it again and update what follows from it");
            }
            row.set(customer);
            s.em.flush();
            return null;
        }, () -> new DuplicateKeyException(CUSTOMER_NUMBER, String.valueOf(customer.number())));
    }

    /** From the index on the address's key; the addresses are compared again, so a key that collides finds nothing. */
    @Override
    public List<Customer> findByEmail(String email) {
        String key = CustomerRow.emailKey(email);
        if (key == null) {
            return List.of();
        }
        String wanted = Customers.normalEmail(email);
        return tx.call(() -> s.query("select c from CustomerRow c where c.tenant = :t and c.emailKey = :k",
                CustomerRow.class).setParameter("k", key).getResultList().stream().map(CustomerRow::toCustomer)
                .filter(c -> wanted.equals(Customers.normalEmail(c.attributes().get(Customers.EMAIL))))
                .sorted(java.util.Comparator.comparing(Customer::id)).toList());
    }

    @Override
    public List<Customer> all() {
        return tx.call(() -> s.query("select c from CustomerRow c where c.tenant = :t order by c.id",
                CustomerRow.class).getResultList().stream().map(CustomerRow::toCustomer).toList());
    }

    /** From the unique index on (tenant, customer_ref): each page costs its own customers. */
    @Override
    public List<Customer> page(String after, int limit) {
        Customers.checkPage(limit);
        return tx.call(() -> (after == null
                ? s.query("select c from CustomerRow c where c.tenant = :t order by c.customerId", CustomerRow.class)
                : s.query("select c from CustomerRow c where c.tenant = :t and c.customerId > :a"
                        + " order by c.customerId", CustomerRow.class).setParameter("a", after))
                .setMaxResults(limit).getResultList().stream().map(CustomerRow::toCustomer).toList());
    }
}
