package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/**
 * Customers of a tenant. The caller locks a customer ({@link LockKey#customer}) and the number it
 * takes ({@link LockKey#customerNumber}) before it reads them, so an id or number it found free stays
 * free and a customer it read stays as read.
 */
public interface Customers {
    Optional<Customer> find(String id);

    Optional<Customer> findByNumber(String number);

    /**
     * Inserts a customer whose id the caller found free.
     *
     * @throws DuplicateKeyException if the id, or the customer number, is held by another customer,
     *         committed or being inserted by another open transaction (a caller that did not lock them);
     *         nothing is written
     */
    void insert(Customer customer);

    /**
     * Replaces a customer, compare-and-set: only if the stored customer is still {@code read}, the
     * customer as the caller found it (same id). The customer may take another number, or give it up.
     *
     * @throws StaleWriteException    if the stored customer is not {@code read} any more; nothing is written
     * @throws DuplicateKeyException  if another customer holds the new customer number
     * @throws InvalidValueException  if there is no such customer, or {@code customer} has another id than {@code read}
     */
    void update(Customer read, Customer customer);

    /**
     * The customers whose e-mail address (the attribute {@link #EMAIL}) is {@code email}, compared as
     * {@link #normalEmail} gives both, in the order of their ids; none for a null or blank address. A store
     * with many customers answers it from an index (this default reads them all). As {@link #all}, it is as the
     * customers are now; a caller that must see the answer stay true locks the address first.
     */
    default List<Customer> findByEmail(String email) {
        String wanted = normalEmail(email);
        if (wanted == null) {
            return List.of();
        }
        return all().stream().filter(c -> wanted.equals(normalEmail(c.attributes().get(EMAIL))))
                .sorted(java.util.Comparator.comparing(Customer::id)).toList();
    }

    /** The attribute that holds a customer's e-mail address. */
    String EMAIL = "email";

    /**
     * An e-mail address as customers are found by it: without surrounding blanks, in lower case (as
     * {@link java.util.Locale#ROOT} has it, the same on every machine); null for a null or blank address. The
     * domain is case-insensitive by definition and webshop buyers' mailboxes are in practice, and shops type
     * addresses as the buyer did ({@code Eva@Bos.nl} and {@code eva@bos.nl} are one buyer).
     */
    static String normalEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The SHA-256 of {@link #normalEmail}, as 64 lower-case hex digits; null for a null or blank address. What a
     * store indexes an address by and the engine locks it by: an address may be longer than an index column or
     * a lock name and hold characters an identifier may not, and one address is one digest whatever its case.
     */
    static String emailDigest(String email) {
        String normal = normalEmail(email);
        if (normal == null) {
            return null;
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(normal.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            // MessageDigest's specification: every Java platform has SHA-256.
            throw StoreException.failed("this Java runtime has no SHA-256, which e-mail digests need", e);
        }
    }

    /**
     * Every customer of the tenant, in the order they were first saved (a change keeps the place):
     * listings and exports come out the same on every store.
     * A listing is as the customers are now; a second one in the same transaction may differ.
     */
    List<Customer> all();
}
