package org.loyaltyengine.customers.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CustomerImportRow;
import org.loyaltyengine.rules.facts.CustomerRowImported;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customers.import-row} (SPEC CU-3, CU-8): one row of an import file, under the key
 * {@code <import key>#<line>}; the rules decide whether it creates a customer, updates or ignores the
 * one holding its number, or is refused. Locks the id a created customer gets, the row's number, the
 * customer the import found holding that number ({@link ImportRow#holder()}), the declarations when the
 * row carries custom field values, and the keys of the programs' new-customer defaults.
 */
final class ImportCustomerRow implements Command<ImportRow, ImportCustomerRow.Context> {
    /** The name it runs under, known before an instance is built per call. */
    static final String NAME = Customers.PROGRAM + ".import-row";
    /**
     * What the rules decide on, the customer the row would create (null: its number is held), the
     * holder of the row's number as read and as the row would leave it when it updates (null: it
     * cannot), and the programs' defaults for a created customer.
     */
    record Context(CustomerImportRow row, Customer created, Customer holder, Customer updated, List<Write> defaults,
                   java.time.LocalDate businessDate) {
    }

    private final NewCustomers newCustomers;
    private final RuleSetRegistry rules;

    ImportCustomerRow(NewCustomers newCustomers, RuleSetRegistry rules) {
        this.newCustomers = newCustomers;
        this.rules = rules;
    }

    /** The holder the import found is its own bookkeeping, not what the row asks (see {@link ImportRow}). */
    @Override
    public Object fingerprinted(ImportRow request) {
        return request.holder() == null ? request : request.expecting(null);
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
    public Permission permission(ImportRow request) {
        return Permission.of(Customers.IMPORT_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(ImportRow request, CommandContext ctx) {
        Set<LockKey> keys = new TreeSet<>(newCustomers.keys(NewCustomers.id(null, ctx)));
        keys.addAll(Profiles.keys(request.profile()));
        if (request.holder() != null) {
            keys.add(LockKey.customer(request.holder()));
        }
        return keys;
    }

    /**
     * @throws NumberMovedException when the row may update the holder of its number and that is no longer
     *         the customer it locked: nothing is written or stored, and the import submits the row again
     */
    @Override
    public Context load(StoreView view, ImportRow request, CommandContext ctx) {
        CustomerProfile profile = request.profile();
        Optional<Customer> holder = profile.number() == null ? Optional.empty() : view.customerByNumber(profile.number());
        if (request.mayUpdate() && holder.isPresent() && !holder.get().id().equals(request.holder())) {
            throw new NumberMovedException(request.line(), profile.number(), holder.get().id());
        }
        boolean updates = request.mayUpdate() && holder.isPresent();
        boolean needsDeclarations = !profile.customFields().isEmpty()
                || updates && holder.get().attributes().keySet().stream().anyMatch(k -> k.startsWith(CustomerProfile.FIELD_PREFIX));
        Map<String, CustomFieldType> declared = needsDeclarations ? CustomFields.declared(view) : Map.of();
        // Checked for every row, even one the rules will ignore, as a row whose value no longer fits its
        // field is a bad row either way.
        CustomerProfile checked = CustomFields.check(profile, declared);
        String newId = NewCustomers.id(null, ctx);
        Customer created = null;
        List<Write> defaults = List.of();
        // A row without a name cannot create (the rules refuse it), so it prepares no customer.
        if (holder.isEmpty() && request.named()) {
            NewCustomers.requireFree(view, newId);
            created = checked.toCustomer(newId);
            defaults = newCustomers.defaults(view, created, ctx);
        }
        Customer updated = null;
        if (updates) {
            // Merged and checked here, before anything is written: a merge the profile refuses is a
            // rejected row, never a half-applied one.
            CustomerProfile merged = CustomerCsv.merge(CustomerProfile.of(holder.get()), request.line(), request.cells());
            updated = CustomFields.check(merged, declared).toCustomer(holder.get().id());
        }
        return new Context(new CustomerImportRow(request.line(), request.mode().name(), profile.number(),
                holder.map(Customer::id).orElse(null), newId, request.firstLineWithNumber(), request.named()), created,
                holder.orElse(null),
                updated, defaults, ctx.businessDate());
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of(context.row());
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        Optional<CustomerRowImported> imported = decision.resultOf(CustomerRowImported.class);
        if (imported.isEmpty()) {
            return List.of();
        }
        CustomerRowImported.Action action = imported.get().action();
        if (action == CustomerRowImported.Action.CREATED) {
            return NewCustomers.created(possible(context, decision, context.created(), action), context.defaults());
        }
        if (action == CustomerRowImported.Action.UPDATED) {
            return List.of(new Write.SaveCustomer(context.holder(), possible(context, decision, context.updated(), action)));
        }
        return List.of();
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        // A created customer is audited under the id the row reserved, whatever id the rules named.
        return decision.resultOf(CustomerRowImported.class)
                .map(r -> r.action() == CustomerRowImported.Action.CREATED ? context.row().newCustomerId() : r.customerId())
                .map(id -> List.of(AuditSubject.customer(AuditTrail.CUSTOMER, id))).orElse(List.of());
    }

    /**
     * The customer the row leaves as the rules decided. A rule set that decides what the row as read
     * cannot do (update a number nobody holds, or in a file imported with IGNORE; create under a number
     * that is held) is wrong, and named as such rather than written around.
     */
    private Customer possible(Context context, Decision decision, Customer customer,
                              CustomerRowImported.Action action) {
        if (customer == null) {
            throw RuleDefects.impossible(rules, context.businessDate(), decision, "it decided " + action
                    + " for import line " + context.row().line() + ", which that row cannot be as read");
        }
        return customer;
    }
}
