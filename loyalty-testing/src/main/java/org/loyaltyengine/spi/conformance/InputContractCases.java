package org.loyaltyengine.spi.conformance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The input contract as a table of boundary values: for every kind of field a store keeps, the values
 * just inside and just outside each limit (length, characters, scale, integer digits, date and time
 * range). Each case writes the value through a store and expects either a typed refusal
 * ({@link InvalidValueException}) with nothing written, or the value read back equal. Run on every
 * store, it proves they all accept and refuse exactly the same inputs.
 *
 * <p>The limits are written out here as numbers on purpose: they are the published contract (see
 * docs/architecture.md, "Input contract"), not whatever the code under test happens to say.
 */
final class InputContractCases {
    private static final RuleRef RULE = new RuleRef("conformance", 1, "test");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

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

    // ------------------------------------------------------------------ the values

    /** A value of a kind of field, with the verdict. */
    private record Value<V>(String label, V value, boolean accepted) {
    }

    private static <V> Value<V> ok(String label, V value) {
        return new Value<>(label, value, true);
    }

    private static <V> Value<V> no(String label, V value) {
        return new Value<>(label, value, false);
    }

    private static String chars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + i % 26));
        }
        return s.toString();
    }

    /** Identifiers: keys the stores compare and index (tenant, numbers, ids, keys, users). */
    static List<Value<String>> identifiers(int max) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of 1 character", "a"));
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with an inner space", "a b"));
        v.add(ok("with letters beyond ASCII", "Žluťoučký-kůň_ß"));
        v.add(ok("with characters beyond the BMP (two UTF-16 units each)", "\uD83D\uDE00".repeat(max / 2)));
        v.add(ok("with punctuation", "A-1/2.3:4#5"));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("null", null));
        v.add(no("empty", ""));
        v.add(no("blank", "   "));
        v.add(no("with a leading space", " a"));
        v.add(no("with a trailing space", "a "));
        v.add(no("with a trailing no-break space", "a\u00A0"));
        v.add(no("with an inner no-break space", "a\u00A0b"));
        v.add(no("with an inner ideographic space", "a\u3000b"));
        v.add(no("with a tab", "a\tb"));
        v.add(no("with a newline", "a\nb"));
        v.add(no("with a carriage return", "a\rb"));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with ESC", "a\u001Bb"));
        v.add(no("with DEL", "a\u007Fb"));
        v.add(no("with a C1 control (NEL)", "a\u0085b"));
        v.add(no("with a line separator", "a\u2028b"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a right-to-left isolate", "a\u2067b"));
        v.add(no("with a right-to-left mark", "a\u200Fb"));
        v.add(no("with a zero-width space", "a\u200Bb"));
        v.add(no("with a zero-width joiner", "a\u200Db"));
        v.add(no("with a byte order mark", "\uFEFFa"));
        v.add(no("with a lone surrogate", "a\uD800b"));
        return v;
    }

    /** Single-line text: names of people, products and rules. */
    static List<Value<String>> names(int max) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with accents and an apostrophe", "Zoë O'Brien-Łukasiewicz"));
        v.add(ok("in Arabic script", "مريم"));
        v.add(ok("with an emoji sequence (zero-width joiner)", "Ana \uD83D\uDC69\u200D\uD83D\uDCBB"));
        v.add(ok("with a trailing space", "Jan "));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("null", null));
        v.add(no("blank", "  "));
        v.add(no("with a newline", "a\nb"));
        v.add(no("with a tab", "a\tb"));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with ESC", "a\u001B[31mb"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a left-to-right embedding", "a\u202Ab"));
        v.add(no("with a first-strong isolate", "a\u2068b"));
        v.add(no("with a zero-width space", "a\u200Bb"));
        v.add(no("with a lone surrogate", "a\uDC00"));
        return v;
    }

    /** Multi-line text: ledger notes, remarks, attribute and setting values. */
    static List<Value<String>> multiLine(int max, boolean optional) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with newlines", "line 1\nline 2\r\nline 3"));
        v.add(ok("with a tab", "a\tb"));
        v.add(ok("with a right-to-left script", "שלום עולם"));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with BEL", "a\u0007b"));
        v.add(no("with ESC", "a\u001B[2Jb"));
        v.add(no("with a C1 control (NEL)", "a\u0085b"));
        v.add(no("with a line separator", "a\u2028b"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a pop directional isolate", "a\u2069b"));
        v.add(no("with a lone surrogate", "a\uD800"));
        if (optional) {
            v.add(ok("null", null));
        }
        return v;
    }

    /** Amounts and points as the stores keep them: at most 28 integer digits and 10 decimals. */
    static List<Value<String>> amounts() {
        return List.of(
                ok("with 10 decimals", "0.0000000001"),
                ok("negative with 10 decimals", "-0.0000000001"),
                ok("with 28 integer digits and 10 decimals", "9999999999999999999999999999.9999999999"),
                ok("negative with 28 integer digits", "-9999999999999999999999999999"),
                ok("in exponent form within the digits", "1E+27"),
                ok("with trailing zeros (scale kept)", "12.5000"),
                no("with 11 decimals", "0.00000000001"),
                no("with 11 decimals, trailing zero", "1.00000000000"),
                no("of 10.00000000000000000001", "10.00000000000000000001"),
                no("with 29 integer digits", "10000000000000000000000000000"),
                no("negative with 29 integer digits", "-10000000000000000000000000000"),
                no("of 1E+28", "1E+28"),
                no("of 1E+40", "1E+40"),
                no("of 1E+400", "1E+400"));
    }

    /** Business dates: 1900-01-01 to 2199-12-31. */
    static List<Value<LocalDate>> dates() {
        return List.of(
                ok("1900-01-01", LocalDate.of(1900, 1, 1)),
                ok("2199-12-31", LocalDate.of(2199, 12, 31)),
                no("1899-12-31", LocalDate.of(1899, 12, 31)),
                no("2200-01-01", LocalDate.of(2200, 1, 1)),
                no("LocalDate.MIN", LocalDate.MIN),
                no("LocalDate.MAX", LocalDate.MAX),
                no("null", null));
    }

    /** Recorded times: 1900-01-01T00:00:00Z to 2261-12-31T23:59:59.999999999Z. */
    static List<Value<Instant>> instants() {
        return List.of(
                ok("1900-01-01T00:00:00Z", Instant.parse("1900-01-01T00:00:00Z")),
                ok("2261-12-31T23:59:59.999999999Z", Instant.parse("2261-12-31T23:59:59.999999999Z")),
                no("1899-12-31T23:59:59.999999999Z", Instant.parse("1899-12-31T23:59:59.999999999Z")),
                no("2262-01-01T00:00:00Z", Instant.parse("2262-01-01T00:00:00Z")),
                no("Instant.MIN", Instant.MIN),
                no("Instant.MAX", Instant.MAX));
    }

    // ------------------------------------------------------------------ the fields

    private static final Map<String, String> NO_ATTRIBUTES = Map.of();

    private static Card card(String number, String first, String last, BigDecimal percent) {
        return new Card(number, first, last, percent, false, true, Money.currency("CZK"));
    }

    private static Probe cardProbe(Function<Void, Card> make) {
        return new Probe() {
            Card card;

            @Override
            public Object write(StoreTransaction tx) {
                card = make.apply(null);
                tx.cards().insert(card);
                return card;
            }

            @Override
            public Object read(StoreTransaction tx) {
                return tx.cards().find(card.number()).orElse(null);
            }
        };
    }

    private static Probe customerProbe(Function<Void, Customer> make) {
        return new Probe() {
            Customer customer;

            @Override
            public Object write(StoreTransaction tx) {
                customer = make.apply(null);
                tx.customers().insert(customer);
                return customer;
            }

            @Override
            public Object read(StoreTransaction tx) {
                Customer byId = tx.customers().find(customer.id()).orElse(null);
                if (customer.number() != null && !Objects.equals(byId,
                        tx.customers().findByNumber(customer.number()).orElse(null))) {
                    return "found by id as " + byId + " but not by number";
                }
                return byId;
            }
        };
    }

    private static Probe documentProbe(Function<Void, Document> make) {
        return new Probe() {
            Document document;

            @Override
            public Object write(StoreTransaction tx) {
                document = tx.documents().save(make.apply(null));
                return document;
            }

            @Override
            public Object read(StoreTransaction tx) {
                return tx.documents().find(document.type(), document.id()).orElse(null);
            }
        };
    }

    private static Document document(String type, String id, String owner, String status, LocalDate date,
                                     String currency, Map<String, String> attributes, List<DocumentLine> lines) {
        return new Document(type, id, owner, status, date, currency, attributes, lines, 0);
    }

    private static Probe entryProbe(Function<Void, LedgerEntry> make) {
        return new Probe() {
            LedgerEntry stored;

            @Override
            public Object write(StoreTransaction tx) {
                LedgerEntry entry = make.apply(null);
                tx.accounts().open(entry.account(), null);
                stored = tx.ledger().append(entry);
                return stored;
            }

            @Override
            public Object read(StoreTransaction tx) {
                List<LedgerEntry> entries = tx.ledger().entries(stored.account());
                return entries.size() == 1 ? entries.get(0) : entries;
            }
        };
    }

    private static AccountKey account(String owner) {
        return new AccountKey(owner, "conformance", Unit.currency("EUR"));
    }

    private static LedgerEntry entry(AccountKey account, String amount, String document, String line, LocalDate date,
                                     Instant at, String actor, String note, String key) {
        return new LedgerEntry(0, account, EntryKind.ADJUST, new BigDecimal(amount), document, line, date, at, actor,
                note, key, RULE, null);
    }

    private static LedgerEntry entry(String amount) {
        return entry(account("acc"), amount, "doc-1", null, DAY, NOW, "tester", null, null);
    }

    private static Probe holdProbe(Function<Void, Hold> make) {
        return new Probe() {
            Hold hold;

            @Override
            public Object write(StoreTransaction tx) {
                hold = make.apply(null);
                tx.accounts().open(hold.account(), null);
                return tx.holds().place(hold);
            }

            @Override
            public Object read(StoreTransaction tx) {
                return tx.holds().find(hold.id()).orElse(null);
            }
        };
    }

    private static Hold hold(String id, AccountKey account, String amount, String document, Instant expires,
                             String actor) {
        return Hold.pending(id, account, new BigDecimal(amount), document, "1", NOW, expires, actor, RULE);
    }

    private static Probe outcomeProbe(Function<Void, StoredOutcome> make) {
        return new Probe() {
            StoredOutcome outcome;

            @Override
            public Object write(StoreTransaction tx) {
                outcome = make.apply(null);
                tx.outcomes().save(outcome);
                return outcome;
            }

            @Override
            public Object read(StoreTransaction tx) {
                return tx.outcomes().find(outcome.key()).orElse(null);
            }
        };
    }

    private static StoredOutcome outcome(String key, Map<String, String> values) {
        return new StoredOutcome(IdempotencyKey.of(key), "fingerprint", new Outcome(Outcome.Status.APPLIED, "test",
                key, false, "conformance", 1, List.of("rule"), List.of(), List.of(), List.of(), List.of(), List.of(),
                values, NOW, "conformance"));
    }

    private static Probe settingsProbe(String program, Map<String, String> values) {
        return new Probe() {
            @Override
            public Object write(StoreTransaction tx) {
                // A fresh tenant: the program has no settings yet, as put is told.
                tx.settings().put(program, Map.of(), values);
                return values;
            }

            @Override
            public Object read(StoreTransaction tx) {
                return tx.settings().of(program);
            }
        };
    }

    private static Map<String, String> map(String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        m.put(key, value);
        return m;
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
