package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;

/** A customer; id and (when given) number are unique per tenant. The identity keeps insertion order. */
@Entity
@Table(name = "le_customer")
class CustomerRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "customer_ref", nullable = false)
    String customerId;
    @Column(name = "customer_number")
    String number;
    @Column(name = "name", nullable = false)
    String name;
    @Column(name = "attributes", nullable = false)
    String attributes;
    /** The SHA-256 of the e-mail address as {@link Customers#normalEmail} gives it; null without one. */
    @Column(name = "email_key", length = 64)
    String emailKey;

    protected CustomerRow() {
    }

    CustomerRow(String tenant, Customer c) {
        this.tenant = tenant;
        this.customerId = c.id();
        set(c);
    }

    void set(Customer c) {
        this.number = c.number();
        this.name = c.name();
        this.attributes = TextCodec.map(c.attributes());
        this.emailKey = emailKey(c.attributes().get(Customers.EMAIL));
    }

    /** The column's value for an address ({@link Customers#emailDigest}); null for none. */
    static String emailKey(String email) {
        return Customers.emailDigest(email);
    }

    Customer toCustomer() {
        return new Customer(customerId, number, name, TextCodec.map(attributes));
    }
}
