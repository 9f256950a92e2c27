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

    /**
     * One page of the tenant's customers, for jobs and reads that walk a whole customer base in pages (keyset
     * pagination): up to {@code limit} customers whose id comes after {@code after}, by id in an order of the
     * store's own that never changes (the in-memory store's is {@link String}'s; a database's is its index order
     * under the column's collation). Asking again after the last id of each page lists every customer exactly
     * once, however many pages it takes. A customer saved meanwhile appears on a later page if its id sorts after
     * the page being read, and otherwise not.
     *
     * <p>The default lists every customer and cuts the page out of them: correct for any store, but every page
     * then costs as much as the whole listing. The database stores shipped answer each page from their index.
     *
     * @param after the last id of the page before, or null for the first page
     * @param limit how many customers at most, from 1 to {@value Accounts#MAX_PAGE}
     * @throws InvalidValueException if limit is out of range
     */
    default List<Customer> page(String after, int limit) {
        checkPage(limit);
        return all().stream().sorted(java.util.Comparator.comparing(Customer::id))
                .filter(c -> after == null || c.id().compareTo(after) > 0).limit(limit).toList();
    }

    /** Refuses a page request {@link #page} does not answer; for stores that implement it. */
    static void checkPage(int limit) {
        if (limit < 1 || limit > Accounts.MAX_PAGE) {
            throw new InvalidValueException("a page of customers holds from 1 to " + Accounts.MAX_PAGE
                    + " customers, was " + limit);
        }
    }
}
