package org.loyaltyengine.internal;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * A program's defaults for a customer the engine has just created (SPEC CU, CC-3: a practice that
 * auto-enrols new customers in the customer card). Programs register one with
 * {@link CommandPipeline#onNewCustomer}; the customers program calls every registered hook inside
 * the transaction of the command that created the customer, so the defaults are applied with it or
 * not at all.
 */
@FunctionalInterface
public interface NewCustomerDefaults {
    void apply(StoreTransaction tx, Customer created, CommandContext ctx);
}
