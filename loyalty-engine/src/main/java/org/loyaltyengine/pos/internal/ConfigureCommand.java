package org.loyaltyengine.pos.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * Sets the program settings of the tenant. The request is the whole of them; the settings are read
 * only for the compare-and-set of the put.
 */
final class ConfigureCommand implements Command<Configure, ConfigureCommand.Context> {
    record Context(Configure settings, Map<String, String> read) {
        Context {
            read = Map.copyOf(read);
        }
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".configure";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(Configure settings) {
        return Permission.of(PosCards.SETTINGS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Configure settings, CommandContext ctx) {
        return Set.of(LockKey.settings(PosCards.PROGRAM));
    }

    @Override
    public Context load(StoreView view, Configure settings, CommandContext ctx) {
        return new Context(settings, view.settings(PosCards.PROGRAM));
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of(c.settings());
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(new Write.PutSettings(PosCards.PROGRAM, c.read(), HoldSettings.stored(c.settings())));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.POS_SETTINGS, PosCards.PROGRAM));
    }
}
