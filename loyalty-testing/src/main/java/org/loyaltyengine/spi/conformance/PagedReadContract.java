package org.loyaltyengine.spi.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.TenantId;

/**
 * What the contracts of the paged reads a batch job walks a customer base with share ({@link AccountPagesContract},
 * {@link CustomerPagesContract}, {@link EntriesOfContract}): each test on a fresh tenant of the store under test,
 * and pages read one after the other, each after the last item of the one before, until an empty one.
 */
abstract class PagedReadContract {
    /** More pages than any walk here takes: a store whose pages never end fails instead of looping. */
    private static final int MOST_PAGES = 1000;

    private final String tenantPrefix;

    protected LoyaltyStore store;
    protected TenantId tenant;

    /** @param tenantPrefix what each test's tenant id begins with, to tell the suites' tenants apart */
    PagedReadContract(String tenantPrefix) {
        this.tenantPrefix = tenantPrefix;
    }

    /** The store under test (a shared one: each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpStore() {
        store = newStore();
        tenant = TenantId.of(tenantPrefix + UUID.randomUUID().toString().substring(0, 18));
    }

    /**
     * The pages {@code read} gives after {@code after} (null: from the first), each asked after the {@code last} of
     * the one before, up to the first empty one, which is left out.
     */
    static <T, K> List<List<T>> walk(K after, Function<K, List<T>> read, Function<T, K> last) {
        List<List<T>> pages = new ArrayList<>();
        K from = after;
        for (int guard = 0; guard < MOST_PAGES; guard++) {
            List<T> page = read.apply(from);
            if (page.isEmpty()) {
                return pages;
            }
            pages.add(page);
            from = last.apply(page.get(page.size() - 1));
        }
        throw new AssertionError("the pages never ended: " + pages);
    }
}
