package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * The settlement, run as a dry run for a preview (SPEC CC-6), that keeps what it read: the open card
 * lines the preview shows come from the same read as the amount the rules decided, never from a second
 * transaction in which another command may have changed the card. One per preview; the same command
 * name as the settlement, so a preview under a key a settlement used replays that settlement.
 */
final class SettlementPreviewing implements Command<Settle, SettleCommand.Context> {
    private final SettleCommand settle;
    private SettleCommand.Context read;
    private BigDecimal balance;

    SettlementPreviewing(SettleCommand settle) {
        this.settle = settle;
    }

    /** What the dry run read; empty when it read nothing (a replay of the key's first outcome). */
    Optional<SettleCommand.Context> read() {
        return Optional.ofNullable(read);
    }

    /** The card account's balance the dry run decided on, once it did. */
    BigDecimal balance() {
        return balance;
    }

    @Override
    public String name() {
        return settle.name();
    }

    @Override
    public String ruleSet() {
        return settle.ruleSet();
    }

    @Override
    public Permission permission(Settle request) {
        return settle.permission(request);
    }

    @Override
    public Set<LockKey> keys(Settle request, CommandContext ctx) {
        return settle.keys(request, ctx);
    }

    @Override
    public Set<LockKey> keysOf(SettleCommand.Context context) {
        return settle.keysOf(context);
    }

    @Override
    public SettleCommand.Context load(StoreView view, Settle request, CommandContext ctx) {
        read = settle.load(view, request, ctx);
        return read;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(SettleCommand.Context context) {
        return settle.accounts(context);
    }

    @Override
    public List<Object> facts(SettleCommand.Context context, Map<AccountKey, Account> accounts) {
        balance = accounts.get(context.card().account()).balance();
        return settle.facts(context, accounts);
    }

    @Override
    public List<Write> writes(SettleCommand.Context context, Decision decision, Applied applied) {
        return settle.writes(context, decision, applied);
    }
}
