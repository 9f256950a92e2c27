package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosCardIdentified;
import org.loyaltyengine.rules.facts.PosIdentifyCard;
import org.loyaltyengine.rules.facts.PosModeSettings;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.LockKey;

/**
 * Identifies a card on a receipt (SPEC PC-2). The rules see the card being identified, not the one
 * bound to the receipt: they refuse a second card, and choose the mode it works in.
 */
final class IdentifyCardCommand implements Command<IdentifyCard, IdentifyCardCommand.Context> {
    /** The request, the receipt with the card being identified, and the settings the identification reads (PC-10, PC-11). */
    record Context(IdentifyCard request, OnReceipt on, PosModeSettings settings) {
    }

    private final Clock clock;
    private final RuleSetRegistry rules;

    IdentifyCardCommand(Clock clock, RuleSetRegistry rules) {
        this.clock = clock;
        this.rules = rules;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".identify-card";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(IdentifyCard identify) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(IdentifyCard identify, CommandContext ctx) {
        return Set.of(Receipt.lock(identify.receiptId()));
    }

    @Override
    public Context load(StoreView view, IdentifyCard identify, CommandContext ctx) {
        Receipt receipt = OnReceipt.receipt(view, identify.receiptId());
        Card card = OnReceipt.card(view, identify.cardNumber());
        if (!card.currency().equals(receipt.currency())) {
            throw CurrencyMismatchException.of("card " + card.number(), card.currency().getCurrencyCode(),
                    "receipt " + receipt.id(), receipt.currency().getCurrencyCode(),
                    "identify a card that holds " + receipt.currency().getCurrencyCode()
                            + " or start a receipt in " + card.currency().getCurrencyCode());
        }
        return new Context(identify, OnReceipt.load(view, receipt, Optional.of(card), clock.instant()),
                HoldSettings.modeOf(view.settings(PosCards.PROGRAM), rules.versionInForce(PosCards.PROGRAM, ctx.businessDate())));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.on().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        IdentifyCard p = c.request();
        List<Object> facts = new ArrayList<>(c.on().facts(new PosIdentifyCard(p.receiptId(), p.cardNumber(),
                p.mode() == null ? null : p.mode().name()), PosReceiptTransition.IDENTIFY_CARD, accounts));
        facts.add(c.settings());
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        // Every identification the rules let through decides its mode; none would be a defect of the rule set.
        PosCardIdentified identified = decision.resultOf(PosCardIdentified.class).orElseThrow(
                () -> new InternalDefectException("the rules identified card " + c.request().cardNumber() + " on receipt "
                        + c.request().receiptId() + " without deciding its mode"));
        return List.of(Write.save(c.on().receipt().withCard(c.request().cardNumber(), identified.mode())
                .after(decision, PosReceiptTransition.IDENTIFY_CARD).toDocument()));
    }
}
