package org.loyaltyengine.pos.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosOpenReceipt;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Opens a receipt dated the command's business date; the rules refuse an id that is taken. */
final class OpenReceiptCommand implements Command<OpenReceipt, OpenReceiptCommand.Context> {
    /** The request, the receipt already stored under its id (if any), and the date the new one carries. */
    record Context(OpenReceipt request, Optional<Receipt> existing, LocalDate date) {
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".open-receipt";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(OpenReceipt open) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(OpenReceipt open, CommandContext ctx) {
        return Set.of(Receipt.lock(open.receiptId()));
    }

    @Override
    public Context load(StoreView view, OpenReceipt open, CommandContext ctx) {
        return new Context(open, view.document(Receipt.TYPE, open.receiptId()).map(Receipt::from), ctx.businessDate());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new PosOpenReceipt(c.request().receiptId()));
        facts.add(new PosReceiptTransition(c.request().receiptId(), PosReceiptTransition.OPEN));
        c.existing().ifPresent(r -> facts.add(r.fact()));
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(Receipt.opened(c.request().receiptId(), c.request().currency(), c.date()).toDocument()));
    }
}
