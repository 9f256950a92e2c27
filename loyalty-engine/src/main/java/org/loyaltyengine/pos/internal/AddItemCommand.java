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
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.LockKey;

/**
 * Adds an item (SPEC PC-3, PC-4, PC-5): in discount mode it gets the card's percentage off, in credit
 * mode its price is reserved from the card's credit for as long as the settings say.
 */
final class AddItemCommand implements Command<AddItem, AddItemCommand.Context> {
    /** The request, the receipt with its card and reservations, and the settings a reservation lives by. */
    record Context(AddItem request, OnReceipt on, PosSettings settings) {
    }

    private final Clock clock;
    private final RuleSetRegistry rules;

    AddItemCommand(Clock clock, RuleSetRegistry rules) {
        this.clock = clock;
        this.rules = rules;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".add-item";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(AddItem item) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(AddItem item, CommandContext ctx) {
        return Set.of(Receipt.lock(item.receiptId()));
    }

    @Override
    public Context load(StoreView view, AddItem item, CommandContext ctx) {
        Receipt receipt = OnReceipt.receipt(view, item.receiptId());
        if (!item.price().currency().equals(receipt.currency())) {
            throw CurrencyMismatchException.of("item " + item.lineId(), item.price().currency().getCurrencyCode(),
                    "receipt " + receipt.id(), receipt.currency().getCurrencyCode(),
                    "price the item in " + receipt.currency().getCurrencyCode());
        }
        OnReceipt on = OnReceipt.load(view, receipt, clock.instant());
        // Read for every item, with a card or not, so a stored value out of range is found the same way.
        return new Context(item, on, HoldSettings.of(view.settings(PosCards.PROGRAM),
                rules.versionInForce(PosCards.PROGRAM, ctx.businessDate())));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        AddItem p = c.request();
        return c.on().facts(new PosAddItem(p.receiptId(), p.lineId(), p.product(), p.price().amount(), p.creditItem(),
                p.vatPercent(), p.manualDiscountPercent()), PosReceiptTransition.ADD_ITEM, c.settings(), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        AddItem p = c.request();
        Receipt.Item item = new Receipt.Item(p.lineId(), p.product(), BigDecimal.ONE, p.price().amount(),
                decision.resultOf(PosItemDiscount.class).map(PosItemDiscount::discount).orElse(BigDecimal.ZERO),
                p.creditItem(), p.vatPercent(),
                applied.placedHold(p.receiptId(), p.lineId()), false);
        return List.of(Write.save(c.on().receipt().withItem(item).after(decision, PosReceiptTransition.ADD_ITEM)
                .toDocument()));
    }
}
