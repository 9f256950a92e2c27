package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.rules.facts.PointsManualEntry;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/** {@code savings-points.manual-entry}: points entered by hand for a customer, with a note (SPEC SP-7, SP-19). */
final class ManualEntryCommand implements Command<ManualEntry, ManualEntryCommand.Context> {
    record Context(ManualEntry request, PointsSettings settings, boolean optedOut, List<LedgerEntry> customerEntries,
                   List<PointsExpiryRun> expiryRuns, CommandContext ctx) {
        Context {
            customerEntries = List.copyOf(customerEntries);
            expiryRuns = List.copyOf(expiryRuns);
        }

        AccountKey account() {
            return SavingsPoints.accountOf(request.customerId());
        }
    }

    private final PointsRules rules;

    ManualEntryCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("manual-entry");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(ManualEntry request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(ManualEntry request, CommandContext ctx) {
        return Set.of();
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // Learnt, not locked up front, though the request names the customer: the program's key it may
        // need sorts before the customer's (PointsLocks).
        return PointsLocks.ledgerOf(c.request().customerId(), c.customerEntries());
    }

    @Override
    public Context load(StoreView view, ManualEntry request, CommandContext ctx) {
        PointsFacts.requireCustomer(view, request.customerId());
        PointsSettings settings = rules.settings(view, ctx.businessDate());
        boolean optedOut = ParticipantDocument.optedOut(view.document(ParticipantDocument.TYPE, request.customerId()));
        return new Context(request, settings, optedOut, view.entries(SavingsPoints.accountOf(request.customerId())),
                PointsFacts.expiryRuns(view), ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        accounts.put(c.account(), null);
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        ManualEntry m = c.request();
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsManualEntry(m.customerId(), m.points(), m.note()));
        facts.add(c.settings());
        facts.addAll(PointsFacts.customer(m.customerId(), accounts.get(c.account()), c.customerEntries(),
                c.expiryRuns(), c.optedOut(), null));
        return facts;
    }
}
