package org.loyaltyengine.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The entries of many accounts in one read ({@link org.loyaltyengine.spi.Ledger#entriesOf}), which a batch job
 * reads a page's ledger with: for every key asked, exactly what {@link org.loyaltyengine.spi.Ledger#entries}
 * gives for it (same entries, same order, same sequences), an account without entries or never opened with an
 * empty list, nothing of another tenant's account of the same key, the transaction's own appends included, and
 * hostile input refused typed. Abstract so that every store runs it: the in-memory store in this module, the JPA
 * adapter on each database.
 */
@Tag("X-2")
@Tag("SP-25")
public abstract class EntriesOfContract extends PagedReadContract {
    private static final String PROGRAM = "entries-of";
    private static final RuleRef RULE = new RuleRef("conformance", 1, "test");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    protected EntriesOfContract() {
        super("eo-");
    }

    private static AccountKey points(String owner) {
        return new AccountKey(owner, PROGRAM, Unit.points());
    }

    private static void append(StoreTransaction tx, AccountKey key, String amount, String document) {
        tx.ledger().append(new LedgerEntry(0, key, EntryKind.ADJUST, new BigDecimal(amount), document, null,
                LocalDate.of(2026, 3, 1), AT, "tester", null, null, RULE, null));
    }

    /** Each key's entries as the one-account read gives them, in the same transaction. */
    private static Map<AccountKey, List<LedgerEntry>> oneByOne(StoreTransaction tx, List<AccountKey> keys) {
        Map<AccountKey, List<LedgerEntry>> expected = new java.util.LinkedHashMap<>();
        keys.forEach(k -> expected.putIfAbsent(k, tx.ledger().entries(k)));
        return expected;
    }

    @Test
    void everyKeyAsked_getsWhatItsOwnReadGives_inTheOrderAsked() {
        AccountKey three = points("c-three");
        AccountKey one = points("a-one");
        AccountKey none = points("b-none");
        AccountKey money = new AccountKey("a-one", PROGRAM, Unit.currency("EUR"));
        AccountKey neverOpened = points("d-never");
        store.inTransaction(tenant, tx -> {
            for (AccountKey k : List.of(three, one, none, money)) {
                tx.accounts().open(k, null);
            }
            append(tx, three, "10", "doc-1");
            append(tx, one, "4.25", "doc-2");
            append(tx, three, "-2.5", "doc-3");
            append(tx, money, "7", "doc-2");
            append(tx, three, "1", null);
            return null;
        });
        // Another tenant with the same keys and entries of its own, which must not show.
        store.inTransaction(TenantId.of(tenant.value() + "-n"), tx -> {
            tx.accounts().open(three, null);
            append(tx, three, "99", "doc-n");
            return null;
        });
        // Not in key order, one key twice: answered once, where first named.
        List<AccountKey> asked = List.of(three, neverOpened, one, money, none, three);
        store.inTransaction(tenant, tx -> {
            Map<AccountKey, List<LedgerEntry>> read = tx.ledger().entriesOf(asked);
            assertEquals(List.of(three, neverOpened, one, money, none), new ArrayList<>(read.keySet()));
            assertEquals(oneByOne(tx, asked), read);
            assertEquals(3, read.get(three).size(), read.toString());
            List<String> amounts = List.of("10", "-2.5", "1");
            for (int i = 0; i < amounts.size(); i++) {
                assertEquals(0, new BigDecimal(amounts.get(i)).compareTo(read.get(three).get(i).amount()),
                        "entry " + i + " of " + read.get(three));
            }
            assertEquals(List.of(), read.get(neverOpened));
            assertEquals(List.of(), read.get(none));
            assertEquals(Map.of(), tx.ledger().entriesOf(List.of()));
            return null;
        });
    }

    @Test
    void entriesAppendedEarlierInTheTransaction_areRead() {
        AccountKey a = points("own-a");
        AccountKey b = points("own-b");
        store.inTransaction(tenant, tx -> {
            tx.accounts().open(a, null);
            tx.accounts().open(b, null);
            append(tx, a, "5", "doc-1");
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.accounts().lock(List.of(a, b));
            append(tx, b, "3", "doc-2");
            append(tx, a, "-1", "doc-3");
            Map<AccountKey, List<LedgerEntry>> read = tx.ledger().entriesOf(List.of(a, b));
            assertEquals(oneByOne(tx, List.of(a, b)), read);
            assertEquals(2, read.get(a).size());
            assertEquals(1, read.get(b).size());
            return null;
        });
    }

    @Test
    void aPageOfMoreAccountsThanOneQueryNames_isReadWhole() {
        // More than a thousand accounts, where a database store splits its query.
        List<AccountKey> keys = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            keys.add(points(String.format("p%05d", i)));
        }
        store.inTransaction(tenant, tx -> {
            for (int i = 0; i < keys.size(); i++) {
                tx.accounts().open(keys.get(i), null);
                if (i % 3 != 0) {
                    append(tx, keys.get(i), String.valueOf(i), "doc-" + i);
                }
            }
            return null;
        });
        store.inTransaction(tenant, tx -> {
            Map<AccountKey, List<LedgerEntry>> read = tx.ledger().entriesOf(keys);
            assertEquals(keys, new ArrayList<>(read.keySet()));
            assertEquals(oneByOne(tx, keys), read);
            assertEquals(733, read.values().stream().mapToInt(List::size).sum());
            return null;
        });
    }

    @Test
    @Tag("X-10")
    void noKeysCollection_aNullKey_orMoreThanAPage_isRefusedTyped() {
        AccountKey a = points("hostile");
        store.inTransaction(tenant, tx -> tx.accounts().open(a, null));
        List<AccountKey> tooMany = new ArrayList<>();
        for (int i = 0; i <= Accounts.MAX_PAGE; i++) {
            tooMany.add(points("k" + i));
        }
        store.inTransaction(tenant, tx -> {
            assertThrows(InvalidValueException.class, () -> tx.ledger().entriesOf(null));
            assertThrows(InvalidValueException.class, () -> tx.ledger().entriesOf(Arrays.asList(a, null)));
            assertThrows(InvalidValueException.class, () -> tx.ledger().entriesOf(tooMany));
            // And the transaction is still good.
            assertEquals(Map.of(a, List.of()), tx.ledger().entriesOf(List.of(a)));
            return null;
        });
    }
}
