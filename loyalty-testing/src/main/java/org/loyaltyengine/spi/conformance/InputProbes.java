package org.loyaltyengine.spi.conformance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.Unit;
import org.loyaltyengine.spi.conformance.InputContractCases.Probe;

/**
 * The probes of the input contract: for each kind of stored value (card, customer, document, ledger entry,
 * hold, stored outcome, settings) a {@link Probe} that writes it through a store and reads it back, and the
 * builders that make a valid value with one field set to the value under test.
 *
 * <p>It exists apart from {@link InputContractCases} so that the table there reads as field against values,
 * while how each value reaches a store, and how it is read back, is written once here.
 */
final class InputProbes {
    private static final RuleRef RULE = new RuleRef("conformance", 1, "test");
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static final Map<String, String> NO_ATTRIBUTES = Map.of();

    static Card card(String number, String first, String last, BigDecimal percent) {
        return new Card(number, first, last, percent, false, true, Money.currency("CZK"));
    }

    static Probe cardProbe(Function<Void, Card> make) {
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

    static Probe customerProbe(Function<Void, Customer> make) {
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

    static Probe documentProbe(Function<Void, Document> make) {
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

    static Document document(String type, String id, String owner, String status, LocalDate date,
                                     String currency, Map<String, String> attributes, List<DocumentLine> lines) {
        return new Document(type, id, owner, status, date, currency, attributes, lines, 0);
    }

    static Probe entryProbe(Function<Void, LedgerEntry> make) {
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

    static AccountKey account(String owner) {
        return new AccountKey(owner, "conformance", Unit.currency("EUR"));
    }

    static LedgerEntry entry(AccountKey account, String amount, String document, String line, LocalDate date,
                                     Instant at, String actor, String note, String key) {
        return new LedgerEntry(0, account, EntryKind.ADJUST, new BigDecimal(amount), document, line, date, at, actor,
                note, key, RULE, null);
    }

    static LedgerEntry entry(String amount) {
        return entry(account("acc"), amount, "doc-1", null, DAY, NOW, "tester", null, null);
    }

    static Probe holdProbe(Function<Void, Hold> make) {
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

    static Hold hold(String id, AccountKey account, String amount, String document, Instant expires,
                             String actor) {
        return Hold.pending(id, account, new BigDecimal(amount), document, "1", NOW, expires, actor, RULE);
    }

    static Probe outcomeProbe(Function<Void, StoredOutcome> make) {
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

    static StoredOutcome outcome(String key, Map<String, String> values) {
        return new StoredOutcome(IdempotencyKey.of(key), "fingerprint", new Outcome(Outcome.Status.APPLIED, "test",
                key, false, "conformance", 1, List.of("rule"), List.of(), List.of(), List.of(), List.of(), List.of(),
                values, NOW, "conformance"));
    }

    static Probe settingsProbe(String program, Map<String, String> values) {
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

    static Map<String, String> map(String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        m.put(key, value);
        return m;
    }

    private InputProbes() {
    }
}
