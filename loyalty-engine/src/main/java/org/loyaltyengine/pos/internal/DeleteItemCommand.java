package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosDeleteItem;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Deletes an item from an open receipt; a reservation made for it is returned (SPEC PC-5). */
final class DeleteItemCommand implements Command<DeleteItem, DeleteItemCommand.Context> {
    record Context(DeleteItem request, OnReceipt on) {
    }

    private final Clock clock;

    DeleteItemCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".delete-item";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(DeleteItem delete) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(DeleteItem delete, CommandContext ctx) {
        return Set.of(Receipt.lock(delete.receiptId()));
    }

    @Override
    public Context load(StoreView view, DeleteItem delete, CommandContext ctx) {
        Receipt receipt = OnReceipt.receipt(view, delete.receiptId());
        if (receipt.item(delete.lineId()).isEmpty()) {
            throw new NoSuchEntityException("receipt line", delete.receiptId() + "/" + delete.lineId());
        }
        return new Context(delete, OnReceipt.load(view, receipt, clock.instant()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return c.on().facts(new PosDeleteItem(c.request().receiptId(), c.request().lineId()),
                PosReceiptTransition.DELETE_ITEM, accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.on().receipt().withItemDeleted(c.request().lineId())
                .after(decision, PosReceiptTransition.DELETE_ITEM).toDocument()));
    }
}
