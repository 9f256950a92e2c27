package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsExpiry;
import org.loyaltyengine.rules.facts.PointsExpiryCandidate;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Unit;

/**
 * {@code savings-points.expire-year}: the year-end expiry over every points account (SPEC SP-14). Its entries
 * name the document {@code expiry-<year>}, so a second run sees what the first one expired.
 */
final class ExpireYearCommand implements Command<ExpireYear, ExpireYearCommand.Context> {
    /** @param entries every points account's entries, by account in key order */
    record Context(ExpireYear request, PointsSettings settings, SortedMap<AccountKey, List<LedgerEntry>> entries) {
        Context {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
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
    public Permission permission(ExpireYear request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(ExpireYear request, CommandContext ctx) {
        // The set of points accounts: none may be opened while the run decides.
        return Set.of(PointsLocks.PROGRAM_WIDE);
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        Set<LockKey> keys = new TreeSet<>();
        c.entries().keySet().forEach(key -> keys.add(PointsLocks.customer(key.owner())));
        return keys;
    }

    @Override
    public Context load(StoreView view, ExpireYear request, CommandContext ctx) {
        TreeMap<AccountKey, List<LedgerEntry>> entries = new TreeMap<>();
        for (Account a : view.accountsOf(SavingsPoints.PROGRAM)) {
            if (a.key().unit().equals(Unit.points())) {
                entries.put(a.key(), List.copyOf(view.entries(a.key())));
            }
        }
        return new Context(request, rules.settings(view, ctx.businessDate()), entries);
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
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        String expiry = SavingsPoints.EXPIRY_DOCUMENT + year;
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsExpiry(year));
        facts.add(c.settings());
        c.entries().forEach((key, entries) -> facts.add(new PointsExpiryCandidate(key.owner(), key,
                PointsEntries.sum(entries, PointsEntries.earned().and(PointsEntries.inYear(year))),
                PointsEntries.sum(entries, PointsEntries.onOrBefore(yearEnd)), accounts.get(key).balance(),
                PointsEntries.sum(entries, PointsEntries.earned().and(PointsEntries.positive())
                        .and(PointsEntries.onOrBefore(yearEnd).negate())),
                entries.stream().anyMatch(e -> expiry.equals(e.document())))));
        return facts;
    }
}
