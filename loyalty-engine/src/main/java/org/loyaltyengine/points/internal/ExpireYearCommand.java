package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsAccount;
import org.loyaltyengine.rules.facts.PointsExpiry;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Unit;

/**
 * {@code savings-points.expire-year}: the year-end expiry over every points account (SPEC SP-14). The run is
 * stored as an {@link ExpiryDocument} and its entries name it, so a second run sees what the first one expired
 * and every later command reads up to which day an expiry entry settled the points.
 */
final class ExpireYearCommand implements Command<ExpireYearCommand.Run, ExpireYearCommand.Context> {
    /**
     * The run as the command takes it: the year and the day the job ran. The command's business date is the
     * year end it closes when the job runs later (SPEC SP-23), so the day it ran is carried here, for the run's
     * document.
     */
    record Run(ExpireYear request, java.time.LocalDate ranOn) {
    }

    /**
     * @param entries    every points account's entries, by account in key order
     * @param expiryRuns every run stored, this year's among them when it ran before
     * @param run        this year's run as it will be stored, or null when it is stored already
     */
    record Context(ExpireYear request, PointsSettings settings, SortedMap<AccountKey, List<LedgerEntry>> entries,
                   List<PointsExpiryRun> expiryRuns, ExpiryDocument run) {
        Context {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
            expiryRuns = List.copyOf(expiryRuns);
        }
    }

    private final PointsRules rules;

    ExpireYearCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("expire-year");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Run request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(Run run, CommandContext ctx) {
        // The set of points accounts: none may be opened while the run decides; and the year's run.
        return Set.of(PointsLocks.PROGRAM_WIDE, ExpiryDocument.lock(run.request().year()));
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // Unordered: the pipeline sorts the keys it locks, and only those not held yet.
        Set<LockKey> keys = new java.util.HashSet<>(c.entries().size() * 2);
        c.entries().keySet().forEach(key -> keys.add(PointsLocks.customer(key.owner())));
        return keys;
    }

    @Override
    public Context load(StoreView view, Run job, CommandContext ctx) {
        ExpireYear request = job.request();
        TreeMap<AccountKey, List<LedgerEntry>> entries = new TreeMap<>();
        for (Account a : view.accountsOf(SavingsPoints.PROGRAM)) {
            if (a.key().unit().equals(Unit.points())) {
                entries.put(a.key(), List.copyOf(view.entries(a.key())));
            }
        }
        int year = request.year();
        ExpiryDocument run = ExpiryDocument.read(view, year).isPresent() ? null
                : new ExpiryDocument(year, job.ranOn(), ctx.actor().user(), 0);
        if (run != null) {
            run.toDocument();
        }
        return new Context(request, rules.settings(view, ctx.businessDate()), entries, PointsFacts.expiryRuns(view),
                run);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        c.entries().keySet().forEach(key -> accounts.put(key, null));
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        int year = c.request().year();
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsExpiry(year, ExpiryDocument.idOf(year)));
        facts.add(c.settings());
        facts.addAll(c.expiryRuns());
        c.entries().forEach((key, entries) -> {
            facts.add(new PointsAccount(key.owner(), key, accounts.get(key).balance(), false));
            facts.addAll(PointsFacts.entries(entries));
        });
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return c.run() == null ? List.of() : List.of(Write.save(c.run().toDocument()));
    }
}
