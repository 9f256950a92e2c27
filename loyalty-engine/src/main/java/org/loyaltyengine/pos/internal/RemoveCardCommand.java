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
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.rules.facts.PosRemoveCard;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Removes the card from a receipt: the items that follow get no discount and draw no credit (SPEC PC-2). */
final class RemoveCardCommand implements Command<RemoveCard, RemoveCardCommand.Context> {
    record Context(RemoveCard request, OnReceipt on) {
    }

    private final Clock clock;

    RemoveCardCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".remove-card";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(RemoveCard remove) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(RemoveCard remove, CommandContext ctx) {
        return Set.of(Receipt.lock(remove.receiptId()));
    }

    @Override
    public Context load(StoreView view, RemoveCard remove, CommandContext ctx) {
        return new Context(remove, OnReceipt.load(view, OnReceipt.receipt(view, remove.receiptId()), clock.instant()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return c.on().facts(new PosRemoveCard(c.request().receiptId()), PosReceiptTransition.REMOVE_CARD, accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.on().receipt().withCardRemoved().after(decision, PosReceiptTransition.REMOVE_CARD)
                .toDocument()));
    }
}
