package org.loyaltyengine.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The paged listing of a program's accounts ({@link Accounts#ofProgram(String, AccountKey, int)}), which batch
 * jobs walk a whole customer base with: asked again after the last account of each page, it lists every account
 * of the program exactly once, in an order that does not change, and nothing of another program or tenant. The
 * owners are chosen where stores' orders part ways (case, punctuation, accents, digits as text, several units of
 * one owner), so a store whose comparison and order disagree (a collation that ignores case) loses or repeats an
 * account here. Abstract so that every store runs it: the in-memory store in this module, the JPA adapter on
 * each database.
 */
@Tag("X-2")
@Tag("SP-25")
public abstract class AccountPagesContract extends PagedReadContract {
    private static final String PROGRAM = "pages";
    private static final RuleRef RULE = new RuleRef("conformance", 1, "test");
    private static final List<String> OWNERS = List.of("a", "A", "b", "B", "a-1", "a1", "a 1", "a_1", "a.1", "é", "e",
            "E", "ё", "10", "9", "09", "z", "Z", "zz", "~", "!", "c\u00e9", "ce\u0301", "𝔘", "\uffe0", "x".repeat(200));

    protected AccountPagesContract() {
        super("pg-");
    }

    /** Every owner's points account, three owners' money and credit accounts too, and neighbours to leave out. */
    private Set<AccountKey> openAll() {
        Set<AccountKey> keys = new HashSet<>();
        store.inTransaction(tenant, tx -> {
            for (String owner : OWNERS) {
                keys.add(tx.accounts().open(new AccountKey(owner, PROGRAM, Unit.points()), null).key());
            }
            for (String owner : List.of("a", "B", "10")) {
                keys.add(tx.accounts().open(new AccountKey(owner, PROGRAM, Unit.currency("EUR")), null).key());
                keys.add(tx.accounts().open(new AccountKey(owner, PROGRAM, Unit.credit("hours")), null).key());
            }
            // Programs that sort before and after this one, and one that begins with its name.
            for (String other : List.of("pagea", "pages-x", "pagez", "page")) {
                tx.accounts().open(new AccountKey("a", other, Unit.points()), null);
                tx.accounts().open(new AccountKey("zz", other, Unit.points()), null);
            }
            return null;
        });
        TenantId neighbour = TenantId.of(tenant.value() + "-n");
        store.inTransaction(neighbour, tx -> tx.accounts().open(new AccountKey("b2", PROGRAM, Unit.points()), null));
        return keys;
    }

    private List<List<Account>> walk(int limit) {
        return walk(null, limit);
    }

    /** The pages of {@code limit} accounts after {@code after}, each asked after the last account of the one before. */
    private List<List<Account>> walk(AccountKey after, int limit) {
        return walk(after, from -> store.inTransaction(tenant, tx -> tx.accounts().ofProgram(PROGRAM, from, limit)),
                Account::key);
    }

    private static List<AccountKey> keys(List<List<Account>> pages) {
        return pages.stream().flatMap(List::stream).map(Account::key).toList();
    }

    @Test
    void pages_walkedAfterEachLastAccount_listEveryAccountOfTheProgramOnce() {
        Set<AccountKey> opened = openAll();
        for (int limit : List.of(1, 2, 3, 7, 35, Accounts.MAX_PAGE)) {
            List<List<Account>> pages = walk(limit);
            List<AccountKey> listed = keys(pages);
            assertEquals(opened.size(), listed.size(), "limit " + limit + ": " + listed);
            assertEquals(opened, new HashSet<>(listed), "limit " + limit);
            for (int i = 0; i < pages.size(); i++) {
                int size = pages.get(i).size();
                assertTrue(i == pages.size() - 1 ? size <= limit : size == limit,
                        "limit " + limit + ", page " + i + " of " + pages.size() + " holds " + size);
            }
        }
    }

    @Test
    void pages_inAnOrderThatDoesNotChange_whateverTheLimit() {
        openAll();
        List<AccountKey> byOne = keys(walk(1));
        assertEquals(byOne, keys(walk(4)));
        assertEquals(byOne, keys(walk(Accounts.MAX_PAGE)));
        // Continuing after any account listed gives what came after it, whatever page it ended.
        for (int i = 0; i < byOne.size(); i += 5) {
            AccountKey after = byOne.get(i);
            List<Account> rest = store.inTransaction(tenant, tx -> tx.accounts().ofProgram(PROGRAM, after, 1000));
            assertEquals(byOne.subList(i + 1, byOne.size()), rest.stream().map(Account::key).toList(), "after " + after);
        }
    }

    @Test
    void page_showsTheBalanceAsItIsNow() {
        AccountKey k = new AccountKey("c1", PROGRAM, Unit.points());
        store.inTransaction(tenant, tx -> {
            tx.accounts().open(k, null);
            tx.ledger().append(new LedgerEntry(0, k, EntryKind.ADJUST, new BigDecimal("12.50"), "doc-1", null,
                    LocalDate.of(2026, 3, 1), Instant.parse("2026-03-01T10:00:00Z"), "tester", null, null, RULE, null));
            return null;
        });
        List<Account> page = store.inTransaction(tenant, tx -> tx.accounts().ofProgram(PROGRAM, null, 10));
        assertEquals(1, page.size());
        assertEquals(0, new BigDecimal("12.50").compareTo(page.get(0).balance()), page.toString());
    }

    @Test
    void anAccountOpenedBetweenPages_isListedOnceIfItComesAfterThePageRead() {
        openAll();
        List<Account> first = store.inTransaction(tenant, tx -> tx.accounts().ofProgram(PROGRAM, null, 5));
        AccountKey after = first.get(first.size() - 1).key();
        AccountKey late = new AccountKey("zzz-late", PROGRAM, Unit.points());
        AccountKey early = new AccountKey("0-early", PROGRAM, Unit.points());
        store.inTransaction(tenant, tx -> {
            tx.accounts().open(late, null);
            return tx.accounts().open(early, null);
        });
        List<AccountKey> rest = keys(walk(after, 5));
        assertEquals(rest.size(), new HashSet<>(rest).size(), "listed twice: " + rest);
        // Where each new account lands is the store's order; that it is listed once if after the first page is not.
        List<AccountKey> all = keys(walk(Accounts.MAX_PAGE));
        for (AccountKey k : List.of(late, early)) {
            long expected = all.indexOf(k) > all.indexOf(after) ? 1 : 0;
            assertEquals(expected, rest.stream().filter(k::equals).count(), k + " in " + rest);
        }
        assertEquals(all.subList(all.indexOf(after) + 1, all.size()), rest);
    }

    @Test
    void aProgramWithoutAccountsOrNoProgram_givesAnEmptyPage() {
        openAll();
        store.inTransaction(tenant, tx -> {
            assertEquals(List.of(), tx.accounts().ofProgram("nothing-here", null, 10));
            assertEquals(List.of(), tx.accounts().ofProgram("", null, 10));
            assertEquals(List.of(), tx.accounts().ofProgram(null, null, 10));
            assertEquals(List.of(), tx.accounts().ofProgram("x".repeat(300), null, 10));
            return null;
        });
    }

    @Test
    @Tag("X-10")
    void aLimitOutOfRangeOrAnAccountOfAnotherProgram_isRefusedTyped() {
        openAll();
        AccountKey elsewhere = new AccountKey("a", "pagea", Unit.points());
        store.inTransaction(tenant, tx -> {
            for (int limit : List.of(0, -1, Integer.MIN_VALUE, Accounts.MAX_PAGE + 1)) {
                assertThrows(InvalidValueException.class, () -> tx.accounts().ofProgram(PROGRAM, null, limit),
                        "limit " + limit);
            }
            assertThrows(InvalidValueException.class, () -> tx.accounts().ofProgram(PROGRAM, elsewhere, 10));
            // And the transaction is still good.
            assertEquals(10, tx.accounts().ofProgram(PROGRAM, null, 10).size());
            return null;
        });
    }
}
