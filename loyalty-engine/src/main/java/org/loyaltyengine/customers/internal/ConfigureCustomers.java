package org.loyaltyengine.customers.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.customers.CustomerRequests.Configure;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customers.configure} (SPEC CU-7): sets the program's settings, keeping the custom field
 * declarations stored beside them. Locks the program's settings, as declaring a field does, so neither
 * loses the other's change.
 */
final class ConfigureCustomers implements Command<Configure, ConfigureCustomers.Context> {
    /** The settings as read, and the request. */
    record Context(Configure settings, Map<String, String> read) {
        Context {
            read = Map.copyOf(read);
        }
    }

    @Override
    public String name() {
        return Customers.PROGRAM + ".configure";
    }

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Permission permission(Configure settings) {
        return Permission.of(Customers.SETTINGS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Configure settings, CommandContext ctx) {
        return Set.of(LockKey.settings(Customers.PROGRAM));
    }

    @Override
    public Context load(StoreView view, Configure settings, CommandContext ctx) {
        return new Context(settings, view.settings(Customers.PROGRAM));
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of(context.settings());
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.PutSettings(Customers.PROGRAM, context.read(),
                CustomerSettings.with(context.read(), context.settings())));
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.CUSTOMER_SETTINGS, Customers.PROGRAM));
    }
}
