package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ExpireHolds;
import org.loyaltyengine.rules.facts.PosExpireHolds;
import org.loyaltyengine.rules.facts.PosOverdueHold;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.LockKey;

/**
 * The sweep that expires the program's reservations past their time. It locks the receipts and the
 * accounts of the reservations it found overdue; the rules decide which of them expire.
 */
final class ExpireHoldsCommand implements Command<ExpireHolds, ExpireHoldsCommand.Context> {
    /** The program's pending reservations whose time had come when the sweep read them. */
    record Context(List<Hold> overdue) {
        Context {
            overdue = List.copyOf(overdue);
        }
    }

    private final Clock clock;

    ExpireHoldsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".expire-holds";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(ExpireHolds sweep) {
        return Permission.none();
    }

    @Override
    public Context load(StoreView view, ExpireHolds sweep, CommandContext ctx) {
        return new Context(view.holdsExpiredBy(clock.instant()).stream()
                .filter(h -> h.account().program().equals(PosCards.PROGRAM)).toList());
    }

    /**
     * The receipts of the overdue reservations: a payment, deletion or abandonment settles a receipt's
     * reservations under the receipt's lock, so the sweep takes it too and reads the reservations again
     * under it, rather than expire one such a command has just settled or is deciding on.
     */
    @Override
    public Set<LockKey> keysOf(Context c) {
        Set<LockKey> receipts = new java.util.TreeSet<>();
        c.overdue().stream().filter(h -> h.document() != null).forEach(h -> receipts.add(Receipt.lock(h.document())));
        return receipts;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        c.overdue().forEach(h -> accounts.put(h.account(), BigDecimal.ZERO));
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new PosExpireHolds());
        c.overdue().forEach(h -> facts.add(new PosOverdueHold(h.id(), h.document(), h.amount())));
        return facts;
    }
}
