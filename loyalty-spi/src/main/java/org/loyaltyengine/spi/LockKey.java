package org.loyaltyengine.spi;

import java.util.Comparator;

/**
 * Something other than an account that a command holds alone while it decides: a document, a POS
 * card, a program's settings, a customer, a customer number, or a key that stands for something of a
 * whole program that has no row of its own (a program-wide job that must not run twice at once). The
 * programs shipped lock per customer, document or setting, and no longer hold a program-wide key.
 *
 * <p>Keys sort by kind, in the order declared, then by scope and name; every command locks its keys in
 * that one order (and its accounts after them, see {@link Accounts#lock}), so two commands never wait
 * for each other in a circle.
 *
 * @param scope what the name is unique within: the document type, the program; never blank
 * @param name  the document id, card number, customer id or number, or the program-wide key's name
 */
public record LockKey(Kind kind, String scope, String name) implements Comparable<LockKey> {
    /** In locking order. */
    public enum Kind { DOCUMENT, CARD, SETTINGS, CUSTOMER, CUSTOMER_NUMBER, PROGRAM }

    private static final Comparator<LockKey> ORDER = Comparator.comparing(LockKey::kind)
            .thenComparing(LockKey::scope).thenComparing(LockKey::name);

    public LockKey {
        Checks.notNull(kind, "lock kind");
        Checks.identifier(scope, "lock scope", Limits.CODE);
        Checks.identifier(name, "lock name", Limits.IDENTIFIER);
    }

    public static LockKey document(String type, String id) {
        return new LockKey(Kind.DOCUMENT, type, id);
    }

    public static LockKey card(String number) {
        return new LockKey(Kind.CARD, "pos-card", number);
    }

    public static LockKey settings(String program) {
        return new LockKey(Kind.SETTINGS, program, program);
    }

    public static LockKey customer(String id) {
        return new LockKey(Kind.CUSTOMER, "customers", id);
    }

    public static LockKey customerNumber(String number) {
        return new LockKey(Kind.CUSTOMER_NUMBER, "customers", number);
    }

    /**
     * A key for something of a whole program that has no row of its own, such as a job that must not run
     * twice at once. What a program's settings decide for every customer (its currency) is guarded by the
     * settings' own key, {@link #settings}, not by one of these.
     */
    public static LockKey program(String program, String name) {
        return new LockKey(Kind.PROGRAM, program, name);
    }

    @Override
    public int compareTo(LockKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + scope + "/" + name;
    }
}
