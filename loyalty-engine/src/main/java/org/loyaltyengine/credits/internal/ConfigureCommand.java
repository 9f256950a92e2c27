package org.loyaltyengine.credits.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.Credits;
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

/** {@code credits.configure}: the program's settings; read only for the compare-and-set of the put. */
final class ConfigureCommand implements Command<Configure, ConfigureCommand.Context> {
    record Context(Configure settings, Map<String, String> read) {
        Context {
            read = Map.copyOf(read);
        }
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".configure";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(Configure settings) {
        return Permission.of(Credits.SETTINGS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Configure settings, CommandContext ctx) {
        return Set.of(LockKey.settings(Credits.PROGRAM));
    }

    @Override
    public Context load(StoreView view, Configure settings, CommandContext ctx) {
        return new Context(settings, view.settings(Credits.PROGRAM));
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(new Write.PutSettings(Credits.PROGRAM, c.read(), Policy.stored(c.settings())));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.CREDITS_SETTINGS, Credits.PROGRAM));
    }
}
