package org.loyaltyengine.spi.conformance;

import static org.loyaltyengine.spi.conformance.InputProbes.DAY;
import static org.loyaltyengine.spi.conformance.InputProbes.NOW;
import static org.loyaltyengine.spi.conformance.InputProbes.NO_ATTRIBUTES;
import static org.loyaltyengine.spi.conformance.InputProbes.account;
import static org.loyaltyengine.spi.conformance.InputProbes.card;
import static org.loyaltyengine.spi.conformance.InputProbes.cardProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.customerProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.document;
import static org.loyaltyengine.spi.conformance.InputProbes.documentProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.entry;
import static org.loyaltyengine.spi.conformance.InputProbes.entryProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.hold;
import static org.loyaltyengine.spi.conformance.InputProbes.holdProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.map;
import static org.loyaltyengine.spi.conformance.InputProbes.outcome;
import static org.loyaltyengine.spi.conformance.InputProbes.outcomeProbe;
import static org.loyaltyengine.spi.conformance.InputProbes.settingsProbe;
import static org.loyaltyengine.spi.conformance.InputValues.amounts;
import static org.loyaltyengine.spi.conformance.InputValues.dates;
import static org.loyaltyengine.spi.conformance.InputValues.identifiers;
import static org.loyaltyengine.spi.conformance.InputValues.instants;
import static org.loyaltyengine.spi.conformance.InputValues.multiLine;
import static org.loyaltyengine.spi.conformance.InputValues.names;
import static org.loyaltyengine.spi.conformance.InputValues.no;
import static org.loyaltyengine.spi.conformance.InputValues.ok;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;
import org.loyaltyengine.spi.conformance.InputValues.Value;

/**
 * The input contract as a table of boundary values: for every kind of field a store keeps, the values
 * just inside and just outside each limit (length, characters, scale, integer digits, date and time
 * range). Each case writes the value through a store and expects either a typed refusal
 * ({@link InvalidValueException}) with nothing written, or the value read back equal. Run on every
 * store, it proves they all accept and refuse exactly the same inputs.
 *
 * <p>The limits are written out here and in {@link InputValues} as numbers on purpose: they are the
 * published contract (see docs/architecture.md, "Input contract"), not whatever the code under test happens
 * to say. How each value is written and read back is in {@link InputProbes}.
 */
final class InputContractCases {
    /** One value for one field, and whether the contract accepts it. */
    record Case(String field, String label, boolean accepted, Probe probe) {
        @Override
        public String toString() {
            return field + " " + label + (accepted ? " (accept)" : " (refuse)");
        }
    }

    /**
     * Writes one value in a tenant and reads it back. {@link #write} returns what a later read must
     * find, {@link #read} what it does find; both run in their own transaction.
     */
    interface Probe {
        default TenantId tenant(TenantId fresh) {
            return fresh;
        }

        Object write(StoreTransaction tx);

        Object read(StoreTransaction tx);
    }

    private InputContractCases() {
    }

    // ------------------------------------------------------------------ the table

    /** Every field of every stored value against the values of its kind. */
    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Value<String> v : identifiers(64)) {
            cases.add(new Case("tenant id", v.label(), v.accepted(), new Probe() {
                // The tenant may be left from an earlier run on a shared database: the card is new each run.
                private final Card card = card("C-" + UUID.randomUUID(), "Jan", "Novak", BigDecimal.ONE);

                @Override
                public TenantId tenant(TenantId fresh) {
                    return TenantId.of(v.value());
                }

                @Override
                public Object write(StoreTransaction tx) {
                    tx.cards().insert(card);
                    return card;
                }

                @Override
                public Object read(StoreTransaction tx) {
                    return tx.cards().find(card.number()).orElse(null);
                }
            }));
        }
        for (Value<String> v : identifiers(64)) {
            cases.add(new Case("card number", v.label(), v.accepted(),
                    cardProbe(x -> card(v.value(), "Jan", "Novak", BigDecimal.ONE))));
            cases.add(new Case("customer number", v.label(), v.accepted() || v.value() == null,
                    customerProbe(x -> new Customer("c1", v.value(), "Novak", NO_ATTRIBUTES))));
        }
        for (Value<String> v : identifiers(200)) {
            cases.add(new Case("idempotency key", v.label(), v.accepted(),
                    outcomeProbe(x -> outcome(v.value(), Map.of()))));
        }
        for (Value<String> v : identifiers(255)) {
            cases.add(new Case("customer id", v.label(), v.accepted(),
                    customerProbe(x -> new Customer(v.value(), "100", "Novak", NO_ATTRIBUTES))));
            cases.add(new Case("document id", v.label(), v.accepted(), documentProbe(x -> document("receipt",
                    v.value(), null, "OPEN", DAY, "CZK", NO_ATTRIBUTES, List.of()))));
            cases.add(new Case("document owner", v.label(), v.accepted() || v.value() == null,
                    documentProbe(x -> document("receipt", "R1", v.value(), "OPEN", DAY, "CZK", NO_ATTRIBUTES,
                            List.of()))));
            cases.add(new Case("line id", v.label(), v.accepted(), documentProbe(x -> document("receipt", "R1",
                    null, "OPEN", DAY, "CZK", NO_ATTRIBUTES, List.of(new DocumentLine(v.value(), "beer",
                            BigDecimal.ONE, BigDecimal.TEN, NO_ATTRIBUTES))))));
            cases.add(new Case("account owner", v.label(), v.accepted(), entryProbe(x -> entry(account(v.value()),
                    "1.00", "doc-1", null, DAY, NOW, "tester", null, null))));
            cases.add(new Case("entry document", v.label(), v.accepted() || v.value() == null,
                    entryProbe(x -> entry(account("acc"), "1.00", v.value(), null, DAY, NOW, "tester", null, null))));
            cases.add(new Case("entry line", v.label(), v.accepted() || v.value() == null,
                    entryProbe(x -> entry(account("acc"), "1.00", "doc-1", v.value(), DAY, NOW, "tester", null,
                            null))));
            cases.add(new Case("entry actor", v.label(), v.accepted(), entryProbe(x -> entry(account("acc"), "1.00",
                    "doc-1", null, DAY, NOW, v.value(), null, null))));
            cases.add(new Case("hold id", v.label(), v.accepted(), holdProbe(x -> hold(v.value(), account("acc"),
                    "1.00", "R1", null, "cashier"))));
            cases.add(new Case("hold actor", v.label(), v.accepted(), holdProbe(x -> hold("h1", account("acc"),
                    "1.00", "R1", null, v.value()))));
        }
        for (Value<String> v : identifiers(100)) {
            cases.add(new Case("document type", v.label(), v.accepted(), documentProbe(x -> document(v.value(), "R1",
                    null, "OPEN", DAY, "CZK", NO_ATTRIBUTES, List.of()))));
            cases.add(new Case("document status", v.label(), v.accepted(), documentProbe(x -> document("receipt",
                    "R1", null, v.value(), DAY, "CZK", NO_ATTRIBUTES, List.of()))));
            cases.add(new Case("account program", v.label(), v.accepted(), entryProbe(x -> entry(new AccountKey("o",
                    v.value(), Unit.points()), "1.00", "doc-1", null, DAY, NOW, "tester", null, null))));
            cases.add(new Case("settings program", v.label(), v.accepted(), settingsProbe(v.value(),
                    Map.of("x", "1"))));
        }
        for (Value<String> v : identifiers(64)) {
            cases.add(new Case("credit unit code", v.label(), v.accepted(), entryProbe(x -> entry(new AccountKey("o",
                    "conformance", Unit.credit(v.value())), "1.00", "doc-1", null, DAY, NOW, "tester", null, null))));
        }
        for (Value<String> v : identifiers(255)) {
            cases.add(new Case("attribute key", v.label(), v.accepted(), documentProbe(x -> document("receipt", "R1",
                    null, "OPEN", DAY, "CZK", map(v.value(), "1"), List.of()))));
            cases.add(new Case("settings key", v.label(), v.accepted(), settingsProbe("pos-card",
                    map(v.value(), "1"))));
        }
        for (Value<String> v : names(255)) {
            cases.add(new Case("card first name", v.label(), v.accepted(),
                    cardProbe(x -> card("C1", v.value(), "Novak", BigDecimal.ONE))));
            cases.add(new Case("card last name", v.label(), v.accepted(),
                    cardProbe(x -> card("C1", "Jan", v.value(), BigDecimal.ONE))));
            cases.add(new Case("customer name", v.label(), v.accepted(),
                    customerProbe(x -> new Customer("c1", null, v.value(), NO_ATTRIBUTES))));
            cases.add(new Case("line product", v.label(), v.accepted() || v.value() == null,
                    documentProbe(x -> document("receipt", "R1", null, "OPEN", DAY, "CZK", NO_ATTRIBUTES,
                            List.of(new DocumentLine("1", v.value(), BigDecimal.ONE, BigDecimal.TEN,
                                    NO_ATTRIBUTES))))));
        }
        for (Value<String> v : multiLine(2000, true)) {
            cases.add(new Case("entry note", v.label(), v.accepted(), entryProbe(x -> entry(account("acc"), "1.00",
                    "doc-1", null, DAY, NOW, "tester", v.value(), null))));
        }
        for (Value<String> v : multiLine(10_000, false)) {
            cases.add(new Case("document attribute value", v.label(), v.accepted(), documentProbe(x -> document(
                    "receipt", "R1", null, "OPEN", DAY, "CZK", map("a", v.value()), List.of()))));
            cases.add(new Case("customer attribute value", v.label(), v.accepted(), customerProbe(x -> new Customer(
                    "c1", null, "Novak", map("remarks", v.value())))));
            cases.add(new Case("settings value", v.label(), v.accepted(), settingsProbe("pos-card",
                    map("a", v.value()))));
            cases.add(new Case("outcome value", v.label(), v.accepted(), outcomeProbe(x -> outcome("k",
                    map("a", v.value())))));
        }
        for (Value<String> v : amounts()) {
            cases.add(new Case("entry amount", v.label(), v.accepted(), entryProbe(x -> entry(v.value()))));
            cases.add(new Case("hold amount", v.label(), v.accepted() && !v.value().startsWith("-"),
                    holdProbe(x -> hold("h1", account("acc"), v.value(), "R1", null, "cashier"))));
            cases.add(new Case("line amount", v.label(), v.accepted(), documentProbe(x -> document("receipt", "R1",
                    null, "OPEN", DAY, "CZK", NO_ATTRIBUTES, List.of(new DocumentLine("1", "beer", BigDecimal.ONE,
                            new BigDecimal(v.value()), NO_ATTRIBUTES))))));
            cases.add(new Case("line quantity", v.label(), v.accepted(), documentProbe(x -> document("receipt", "R1",
                    null, "OPEN", DAY, "CZK", NO_ATTRIBUTES, List.of(new DocumentLine("1", "beer",
                            new BigDecimal(v.value()), BigDecimal.TEN, NO_ATTRIBUTES))))));
        }
        for (Value<String> v : List.of(ok("0", "0"), ok("100", "100"), ok("with 10 decimals", "12.3456789012"),
                no("with 20 decimals", "12.34567890123456789012"), no("just above 100", "100.0000000001"),
                no("just below 0", "-0.0000000001"), no("1E+400", "1E+400"))) {
            cases.add(new Case("card discount percent", v.label(), v.accepted(),
                    cardProbe(x -> card("C1", "Jan", "Novak", new BigDecimal(v.value())))));
        }
        for (Value<String> v : List.of(ok("10.00 EUR", "10.00"), ok("28 integer digits", "9999999999999999999999999999.99"),
                no("10.00000000000000000001 EUR", "10.00000000000000000001"), no("1E+400", "1E+400"),
                no("29 integer digits", "10000000000000000000000000000"))) {
            cases.add(new Case("money amount", v.label(), v.accepted(), entryProbe(x -> entry(
                    Money.of(v.value(), "EUR").amount().toString()))));
        }
        for (Value<LocalDate> v : dates()) {
            cases.add(new Case("document date", v.label(), v.accepted(), documentProbe(x -> document("receipt", "R1",
                    null, "OPEN", v.value(), "CZK", NO_ATTRIBUTES, List.of()))));
            cases.add(new Case("entry business date", v.label(), v.accepted(), entryProbe(x -> entry(account("acc"),
                    "1.00", "doc-1", null, v.value(), NOW, "tester", null, null))));
        }
        for (Value<Instant> v : instants()) {
            cases.add(new Case("entry recorded time", v.label(), v.accepted(), entryProbe(x -> entry(account("acc"),
                    "1.00", "doc-1", null, DAY, v.value(), "tester", null, null))));
            cases.add(new Case("hold expiry", v.label(), v.accepted(), holdProbe(x -> hold("h1", account("acc"),
                    "1.00", "R1", v.value(), "cashier"))));
            cases.add(new Case("outcome decided time", v.label(), v.accepted(), outcomeProbe(x -> new StoredOutcome(
                    IdempotencyKey.of("k"), "f", new Outcome(Outcome.Status.APPLIED, "test", "k", false,
                    "conformance", 1, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                    v.value(), "conformance")))));
        }
        return cases;
    }

    /**
     * Runs every case on the store, each in a tenant of its own, and returns what went otherwise than
     * the contract says (empty when the store keeps it).
     */
    static List<String> mismatches(LoyaltyStore store) {
        List<String> out = new ArrayList<>();
        for (Case c : all()) {
            TenantId fresh = TenantId.of("in-" + UUID.randomUUID().toString().substring(0, 18));
            TenantId tenant;
            Object expected;
            try {
                tenant = c.probe().tenant(fresh);
                expected = store.inTransaction(tenant, c.probe()::write);
            } catch (InvalidValueException refused) {
                if (c.accepted()) {
                    out.add(c + ": refused: " + refused.getMessage());
                } else if (!nothingIn(store, fresh)) {
                    out.add(c + ": refused, but something was written");
                }
                continue;
            } catch (RuntimeException e) {
                out.add(c + ": failed untyped: " + e);
                continue;
            }
            if (!c.accepted()) {
                out.add(c + ": accepted");
                continue;
            }
            try {
                Object read = store.inTransaction(tenant, c.probe()::read);
                if (!expected.equals(read)) {
                    out.add(c + ": read back differently: wrote " + abbreviate(expected) + ", read "
                            + abbreviate(read));
                }
            } catch (RuntimeException e) {
                out.add(c + ": reading it back failed: " + e);
            }
        }
        return out;
    }

    private static boolean nothingIn(LoyaltyStore store, TenantId tenant) {
        return store.inTransaction(tenant, tx -> tx.cards().all().isEmpty() && tx.customers().all().isEmpty()
                && tx.outcomes().all().isEmpty() && tx.documents().list("receipt", null).isEmpty()
                && tx.accounts().ofProgram("conformance").isEmpty() && tx.settings().of("pos-card").isEmpty());
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}

