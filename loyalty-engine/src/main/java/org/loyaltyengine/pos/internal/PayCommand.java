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
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosPayReceipt;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Pays a receipt: reservations become draws, credit items load the card (SPEC PC-4, PC-5). */
final class PayCommand implements Command<PayReceipt, PayCommand.Context> {
    record Context(PayReceipt request, OnReceipt on) {
    }

    private final Clock clock;

    PayCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".pay";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(PayReceipt request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(PayReceipt request, CommandContext ctx) {
        return Set.of(Receipt.lock(request.receiptId()));
    }

    @Override
    public Context load(StoreView view, PayReceipt request, CommandContext ctx) {
        return new Context(request, OnReceipt.load(view, OnReceipt.receipt(view, request.receiptId()), clock.instant()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return c.on().facts(new PosPayReceipt(c.request().receiptId()), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.on().receipt().closed(Receipt.Status.PAID).toDocument()));
    }
}
