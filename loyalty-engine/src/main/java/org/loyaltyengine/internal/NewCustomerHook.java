package org.loyaltyengine.internal;

import java.util.List;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;

/**
 * A program's defaults for a customer the engine creates (SPEC CU, CC-3: a practice that auto-enrols
 * new customers in the customer card), on the {@link Command} contract: the command that creates the
 * customer locks the hook's keys with its own, asks for its writes while it loads its context, and
 * writes them with its own, so the defaults are applied with the customer or not at all.
 */
public interface NewCustomerHook {
    /** The keys the hook may write under for a customer of this id. */
    Set<LockKey> keys(String customerId);

    /** What the hook writes for the created customer, read through the creating command's view. */
    List<Write> writes(StoreView view, Customer created, CommandContext ctx);
}
