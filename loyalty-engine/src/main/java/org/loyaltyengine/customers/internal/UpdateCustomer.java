package org.loyaltyengine.customers.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests.Update;
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
 * {@code customers.update} (SPEC CU-1, CU-2): replaces a customer's master data; the rules refuse a
 * number another customer holds. Locks the customer and the number it takes. The number it gives up
 * needs no lock: a command that reads it as held while this one runs decides as if it ran first.
 */
final class UpdateCustomer implements Command<Update, UpdateCustomer.Context> {
    /** The customer as read, as it would be saved, and what the rules decide on. */
    record Context(Customer stored, Customer customer, CustomerSave save) {
    }

    @Override
    public String name() {
        return Customers.PROGRAM + ".update";
    }

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Permission permission(Update request) {
        return Permission.of(Customers.WRITE_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Update request, CommandContext ctx) {
        Set<LockKey> keys = new TreeSet<>(Profiles.keys(request.profile()));
        keys.add(LockKey.customer(request.customerId()));
        return keys;
    }

    @Override
    public Context load(StoreView view, Update request, CommandContext ctx) {
        String id = request.customerId();
        Customer stored = view.customer(id).orElseThrow(() -> new NoSuchEntityException("customer", id));
        CustomerProfile profile = request.profile();
        Map<String, CustomFieldType> declared = profile.customFields().isEmpty() ? Map.of() : CustomFields.declared(view);
        Customer customer = CustomFields.check(profile, declared).toCustomer(id);
        // A customer keeping its number holds it itself: no second read of the same row by its number.
        String holder = profile.number() != null && profile.number().equals(stored.number()) ? id
                : Profiles.holder(view, profile);
        return new Context(stored, customer, new CustomerSave("update", id, profile.number(), holder));
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of(context.save());
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.SaveCustomer(context.stored(), context.customer()));
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.customer(AuditTrail.CUSTOMER, context.customer().id()));
    }
}
