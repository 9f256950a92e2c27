package org.loyaltyengine.customers.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests.DeclareField;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CustomerFieldDeclaration;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customers.declare-field} (SPEC CU-1): declares a custom field, or changes the type of one no
 * customer holds a value for. Locks the program's settings, which every command writing a custom field
 * value locks too, so the count of holders it decides on cannot grow meanwhile.
 */
final class DeclareCustomField implements Command<DeclareField, DeclareCustomField.Context> {
    /** The settings as read, and what the rules decide on. */
    record Context(Map<String, String> settings, CustomerFieldDeclaration declaration) {
        Context {
            settings = Map.copyOf(settings);
        }
    }

    @Override
    public String name() {
        return Customers.PROGRAM + ".declare-field";
    }

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Permission permission(DeclareField request) {
        return Permission.of(Customers.SETTINGS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(DeclareField request, CommandContext ctx) {
        return Set.of(LockKey.settings(Customers.PROGRAM));
    }

    @Override
    public Context load(StoreView view, DeclareField request, CommandContext ctx) {
        Map<String, String> settings = view.settings(Customers.PROGRAM);
        CustomFieldType before = CustomFields.declared(settings).get(request.name());
        String key = CustomerProfile.FIELD_PREFIX + request.name();
        long holders = view.customers().stream().filter(c -> c.attributes().containsKey(key)).count();
        return new Context(settings, new CustomerFieldDeclaration(request.name(), request.type().name(),
                before == null ? null : before.name(), holders));
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of(context.declaration());
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        Map<String, String> settings = new TreeMap<>(context.settings());
        settings.put(CustomerProfile.FIELD_PREFIX + context.declaration().name(), context.declaration().type());
        return List.of(new Write.PutSettings(Customers.PROGRAM, context.settings(), settings));
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.CUSTOMER_SETTINGS, Customers.PROGRAM));
    }
}
