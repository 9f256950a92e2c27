package org.loyaltyengine.customers.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests.Create;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CustomerSave;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customers.create} (SPEC CU-1, CU-2): a new customer with its master data; the rules refuse a
 * number another customer holds. Locks the new id, the number it takes (so two creates of one free
 * number run one after the other), the declarations when the profile carries custom fields, and the
 * keys of the programs' new-customer defaults.
 */
final class CreateCustomer implements Command<Create, CreateCustomer.Context> {
    /** The name it runs under, known before an instance is built per call. */
    static final String NAME = Customers.PROGRAM + ".create";
    /** The customer as it would be saved, what the rules decide on, and the programs' defaults for it. */
    record Context(Customer customer, CustomerSave save, List<Write> defaults) {
    }

    private final NewCustomers newCustomers;

    CreateCustomer(NewCustomers newCustomers) {
        this.newCustomers = newCustomers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Permission permission(Create request) {
        return Permission.of(Customers.WRITE_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Create request, CommandContext ctx) {
        Set<LockKey> keys = new TreeSet<>(newCustomers.keys(NewCustomers.id(request.customerId(), ctx)));
        keys.addAll(Profiles.keys(request.profile()));
        return keys;
    }

    @Override
    public Context load(StoreView view, Create request, CommandContext ctx) {
        String id = NewCustomers.id(request.customerId(), ctx);
        NewCustomers.requireFree(view, id);
        CustomerProfile profile = request.profile();
        Map<String, CustomFieldType> declared = profile.customFields().isEmpty() ? Map.of() : CustomFields.declared(view);
        Customer customer = CustomFields.check(profile, declared).toCustomer(id);
        return new Context(customer, new CustomerSave("create", id, profile.number(), Profiles.holder(view, profile)),
                newCustomers.defaults(view, customer, ctx));
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of(context.save());
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return NewCustomers.created(context.customer(), context.defaults());
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.customer(AuditTrail.CUSTOMER, context.customer().id()));
    }
}
