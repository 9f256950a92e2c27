package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAbandonReceipt;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Abandons a receipt: every reservation on it is returned (SPEC PC-5). */
final class AbandonCommand implements Command<AbandonReceipt, AbandonCommand.Context> {
    record Context(AbandonReceipt request, OnReceipt on) {
    }

    private final Clock clock;

    AbandonCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".abandon";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(AbandonReceipt request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(AbandonReceipt request, CommandContext ctx) {
        return Set.of(Receipt.lock(request.receiptId()));
    }

    @Override
    public Context load(StoreView view, AbandonReceipt request, CommandContext ctx) {
        return new Context(request, OnReceipt.load(view, OnReceipt.receipt(view, request.receiptId()), clock.instant()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return c.on().facts(new PosAbandonReceipt(c.request().receiptId()), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.on().receipt().closed(Receipt.Status.ABANDONED).toDocument()));
    }
}
