package org.loyaltyengine.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.TenantId;

/**
 * The paged listing of a tenant's customers ({@link org.loyaltyengine.spi.Customers#page(String, int)}), which the
 * customer card's bulk enrolment and its paged overview walk a whole customer base with: asked again after the
 * last id of each page, it lists every customer of the tenant exactly once, in an order that does not change,
 * and nothing of another tenant or of a transaction rolled back. Ids are chosen where stores' orders part ways
 * (case, punctuation, digits as text, accents). Abstract so that every store runs it.
 */
@Tag("X-2")
@Tag("SP-25")
public abstract class CustomerPagesContract extends PagedReadContract {
    private static final List<String> IDS = List.of("a", "A", "b", "B", "a-1", "a1", "a.1", "a_1", "10", "9", "09",
            "z", "Z", "zz", "é", "e", "E", "c\u00e9", "x".repeat(60));

    protected CustomerPagesContract() {
        super("cp-");
    }

    private static Customer customer(String id) {
        return new Customer(id, null, "Customer " + id, Map.of());
    }

    private Set<String> insertAll() {
        store.inTransaction(tenant, tx -> {
            IDS.forEach(id -> tx.customers().insert(customer(id)));
            return null;
        });
        store.inTransaction(TenantId.of(tenant.value() + "-n"), tx -> {
            tx.customers().insert(customer("b2"));
            return null;
        });
        return new HashSet<>(IDS);
    }

    private List<List<Customer>> walk(int limit) {
        return walk(null, limit);
    }

    /** The pages of {@code limit} customers after {@code after}, each asked after the last id of the one before. */
    private List<List<Customer>> walk(String after, int limit) {
        return walk(after, from -> store.inTransaction(tenant, tx -> tx.customers().page(from, limit)), Customer::id);
    }

    private static List<String> ids(List<List<Customer>> pages) {
        return pages.stream().flatMap(List::stream).map(Customer::id).toList();
    }

    @Test
    void pages_walkedAfterEachLastId_listEveryCustomerOnce_inOneOrderWhateverTheLimit() {
        Set<String> inserted = insertAll();
        List<String> byOne = ids(walk(1));
        for (int limit : List.of(1, 2, 3, 7, Accounts.MAX_PAGE)) {
            List<List<Customer>> pages = walk(limit);
            List<String> listed = ids(pages);
            assertEquals(inserted.size(), listed.size(), "limit " + limit + ": " + listed);
            assertEquals(inserted, new HashSet<>(listed), "limit " + limit);
            assertEquals(byOne, listed, "limit " + limit);
            for (int i = 0; i < pages.size(); i++) {
                int size = pages.get(i).size();
                assertTrue(i == pages.size() - 1 ? size <= limit : size == limit,
                        "limit " + limit + ", page " + i + " holds " + size);
            }
        }
        // Continuing after any id listed gives what came after it.
        for (int i = 0; i < byOne.size(); i += 4) {
            String after = byOne.get(i);
            List<Customer> rest = store.inTransaction(tenant, tx -> tx.customers().page(after, Accounts.MAX_PAGE));
            assertEquals(byOne.subList(i + 1, byOne.size()), rest.stream().map(Customer::id).toList(), "after " + after);
        }
    }

    @Test
    void aCustomerSavedBetweenPages_isListedOnce_andOneRolledBackNever() {
        insertAll();
        List<Customer> first = store.inTransaction(tenant, tx -> tx.customers().page(null, 5));
        String after = first.get(first.size() - 1).id();
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(customer("zzz-late"));
            tx.customers().insert(customer("0-early"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> store.inTransaction(tenant, tx -> {
            tx.customers().insert(customer("rolled-back"));
            throw new IllegalStateException("roll back");
        }));
        List<String> all = ids(walk(Accounts.MAX_PAGE));
        assertEquals(IDS.size() + 2, all.size(), all.toString());
        assertTrue(!all.contains("rolled-back"), all.toString());
        List<String> rest = ids(walk(after, 5));
        assertEquals(all.subList(all.indexOf(after) + 1, all.size()), rest);
    }

    @Test
    void aPageShowsTheCustomerAsItIsNow_andATenantWithoutCustomersAnEmptyPage() {
        insertAll();
        store.inTransaction(tenant, tx -> {
            Customer read = tx.customers().find("b").orElseThrow();
            tx.customers().update(read, new Customer("b", "N-1", "Renamed", Map.of()));
            return null;
        });
        List<Customer> b = store.inTransaction(tenant, tx -> tx.customers().page(null, Accounts.MAX_PAGE)).stream()
                .filter(c -> c.id().equals("b")).toList();
        assertEquals(List.of(new Customer("b", "N-1", "Renamed", Map.of())), b);
        assertEquals(List.of(), store.inTransaction(TenantId.of(tenant.value() + "-empty"),
                tx -> tx.customers().page(null, 10)));
    }

    @Test
    @Tag("X-10")
    void aLimitOutOfRange_isRefusedTyped_andTheTransactionGoesOn() {
        insertAll();
        store.inTransaction(tenant, tx -> {
            for (int limit : List.of(0, -1, Integer.MIN_VALUE, Accounts.MAX_PAGE + 1)) {
                assertThrows(InvalidValueException.class, () -> tx.customers().page(null, limit), "limit " + limit);
            }
            assertEquals(3, tx.customers().page(null, 3).size());
            return null;
        });
    }
}
