package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAbandonReceipt;
import org.loyaltyengine.rules.facts.PosPayReceipt;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * Closes a receipt: paying it (reservations become draws, credit items load the card; SPEC PC-4, PC-5) or
 * abandoning it (every reservation on it is returned; SPEC PC-5). The two differ only in the command fact
 * the rules see and the move they are asked to allow; the rules decide the status the receipt is saved in.
 *
 * @param <P> the request: {@link PayReceipt} or {@link AbandonReceipt}
 */
final class CloseReceiptCommand<P> implements Command<P, CloseReceiptCommand.Context<P>> {
    record Context<P>(P request, OnReceipt on) {
    }

    private final Clock clock;
    private final String name;
    private final String transition;
    private final Function<P, String> receiptId;
    private final Function<String, Object> fact;

    private CloseReceiptCommand(Clock clock, String name, String transition, Function<P, String> receiptId,
                                Function<String, Object> fact) {
        this.clock = clock;
        this.name = name;
        this.transition = transition;
        this.receiptId = receiptId;
        this.fact = fact;
    }

    static CloseReceiptCommand<PayReceipt> pay(Clock clock) {
        return new CloseReceiptCommand<>(clock, PosCards.PROGRAM + ".pay", PosReceiptTransition.PAY,
                PayReceipt::receiptId, PosPayReceipt::new);
    }

    static CloseReceiptCommand<AbandonReceipt> abandon(Clock clock) {
        return new CloseReceiptCommand<>(clock, PosCards.PROGRAM + ".abandon", PosReceiptTransition.ABANDON,
                AbandonReceipt::receiptId, PosAbandonReceipt::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(P request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(P request, CommandContext ctx) {
        return Set.of(Receipt.lock(receiptId.apply(request)));
    }

    @Override
    public Context<P> load(StoreView view, P request, CommandContext ctx) {
        return new Context<>(request, OnReceipt.load(view, OnReceipt.receipt(view, receiptId.apply(request)),
                clock.instant()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context<P> c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context<P> c, Map<AccountKey, Account> accounts) {
        return c.on().facts(fact.apply(receiptId.apply(c.request())), transition, accounts);
    }

    @Override
    public List<Write> writes(Context<P> c, Decision decision, Applied applied) {
        return List.of(Write.save(c.on().receipt().after(decision, transition).toDocument()));
    }
}
