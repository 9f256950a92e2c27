package org.loyaltyengine.points.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsCurrencyChange;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.configure}: the settings a {@link Configure} names changed, the others kept (SPEC
 * SP-19). They are stored as {@link PointsSettings#toMap()} of the settings in force, with who changed them
 * and when; a change of the point value is kept with its business date for the accounting report (SPEC
 * SP-15, SP-18). The rules refuse another currency once the program holds a booking or an account.
 */
final class ConfigureCommand implements Command<Configure, ConfigureCommand.Context> {
    /**
     * @param read           the settings as read
     * @param next           the settings once changed: what the rules see and what is stored
     * @param currencyChange the currency changed, with what the program holds in the old one; null when it stays
     * @param stored         the settings as they will be stored
     * @param rate           the point value's change of the day, or null when it stays
     */
    record Context(Map<String, String> read, PointsSettings next, PointsCurrencyChange currencyChange,
                   Map<String, String> stored, RateDocument rate) {
        Context {
            read = Map.copyOf(read);
            stored = Map.copyOf(stored);
        }
    }

    private final PointsRules rules;

    ConfigureCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("configure");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Configure request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(Configure request, CommandContext ctx) {
        Set<LockKey> keys = new HashSet<>();
        // The currency may change only while no booking or account exists: a command that may open a
        // customer's first account holds this key too, so none is made meanwhile (PointsLocks).
        keys.add(PointsLocks.PROGRAM_WIDE);
        if (request.changes(Configure.Setting.POINT_VALUE)) {
            keys.add(LockKey.document(RateDocument.TYPE, RateDocument.idOn(ctx.businessDate())));
        }
        return keys;
    }

    @Override
    public Context load(StoreView view, Configure request, CommandContext ctx) {
        // The settings as read travel with the write: the store refuses it should they have moved meanwhile.
        Map<String, String> read = view.settings(SavingsPoints.PROGRAM);
        PointsSettings current = rules.settings(read, ctx.businessDate());
        PointsSettings next = current.with(request.byName());
        PointsCurrencyChange currencyChange = current.currency().equals(next.currency()) ? null
                : new PointsCurrencyChange(current.currency(), next.currency(),
                view.documents(BookingDocument.TYPE, null).size(), view.accountsOf(SavingsPoints.PROGRAM).size());
        Map<String, String> stored = new TreeMap<>(next.toMap());
        stored.put(PointsSettings.CHANGED_BY, ctx.actor().user() + " on " + ctx.businessDate());
        RateDocument rate = null;
        if (current.pointValue().compareTo(next.pointValue()) != 0) {
            long version = view.document(RateDocument.TYPE, RateDocument.idOn(ctx.businessDate()))
                    .map(d -> d.version()).orElse(0L);
            rate = new RateDocument(ctx.businessDate(), next.pointValue(), ctx.actor().user(), version);
            rate.toDocument();
        }
        return new Context(read, next, currencyChange, stored, rate);
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return c.currencyChange() == null ? List.of(c.next()) : List.of(c.next(), c.currencyChange());
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.PutSettings(SavingsPoints.PROGRAM, c.read(), c.stored()));
        if (c.rate() != null) {
            writes.add(Write.save(c.rate().toDocument()));
        }
        return writes;
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.POINTS_SETTINGS, SavingsPoints.PROGRAM));
    }
}
