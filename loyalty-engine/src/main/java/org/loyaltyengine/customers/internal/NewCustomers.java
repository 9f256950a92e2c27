package org.loyaltyengine.customers.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.NewCustomerHook;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.LockKey;

/**
 * What creating a customer brings with it, for the three commands that may create one (create, an
 * import row, an order of an unknown buyer): the id the customer gets, and the other programs'
 * defaults for a new customer ({@link NewCustomerHook}), locked, read and written with the customer.
 *
 * <p>One instance per command run: it holds the hooks as registered when the run began, so the keys
 * the command locks and the writes it asks for come from the same hooks.
 */
final class NewCustomers {
    private final List<NewCustomerHook> hooks;

    NewCustomers(List<NewCustomerHook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    /**
     * The id of a customer this command creates: the host's own, or one derived from tenant and key.
     * Derived, so a retried transaction and a preview name the same customer; from the tenant too, since
     * keys are unique only within a tenant and the same key in two tenants must not name one customer id.
     */
    static String id(String given, CommandContext ctx) {
        if (given != null) {
            return given;
        }
        // Tenant ids and keys hold no line break, so the two parts cannot run into each other.
        return UUID.nameUUIDFromBytes(("customer\n" + ctx.tenant().value() + "\n" + ctx.key().value())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Refuses an id another customer of the tenant holds: a create must never replace a customer. */
    static void requireFree(StoreView view, String id) {
        if (view.customer(id).isPresent()) {
            throw new DuplicateKeyException("customer id", id);
        }
    }

    /** The customer's own key and every key the programs' defaults may write under for it. */
    Set<LockKey> keys(String customerId) {
        Set<LockKey> keys = new TreeSet<>();
        keys.add(LockKey.customer(customerId));
        for (NewCustomerHook hook : hooks) {
            keys.addAll(Checks.notNull(hook.keys(customerId), "keys of a new-customer hook"));
        }
        return keys;
    }

    /** What the programs write for the customer about to be created, read through the creating command's view. */
    List<Write> defaults(StoreView view, Customer created, CommandContext ctx) {
        List<Write> writes = new ArrayList<>();
        for (NewCustomerHook hook : hooks) {
            writes.addAll(Checks.notNull(hook.writes(view, created, ctx), "writes of a new-customer hook"));
        }
        return List.copyOf(writes);
    }

    /**
     * The writes of a created customer: the customer, then every program's defaults for it.
     */
    static List<Write> created(Customer created, List<Write> defaults) {
        List<Write> writes = new ArrayList<>();
        writes.add(Write.SaveCustomer.created(created));
        writes.addAll(defaults);
        return writes;
    }
}
