package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosReceiptTransition;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Hold;

/**
 * What a command on an existing receipt decides on, read once: the receipt, the card the command
 * concerns (the one bound to the receipt, or the one being identified), the reservation of each item
 * that has one, and the time they were read at.
 *
 * @param holds the reservations by id; one the store no longer has is absent (its item counts as not drawn)
 */
record OnReceipt(Receipt receipt, Optional<Card> card, Map<String, Hold> holds, Instant now) {
    OnReceipt {
        holds = Map.copyOf(holds);
    }

    /** The receipt, read once, or a typed error naming it. */
    static Receipt receipt(StoreView view, String receiptId) {
        return view.document(Receipt.TYPE, receiptId).map(Receipt::from)
                .orElseThrow(() -> new NoSuchEntityException("receipt", receiptId));
    }

    /** A card, read once, or a typed error naming it. */
    static Card card(StoreView view, String number) {
        return view.card(number).orElseThrow(() -> new NoSuchEntityException("card", number));
    }

    /** The card bound to the receipt (if any) and the items' reservations, each read once. */
    static OnReceipt load(StoreView view, Receipt receipt, Instant now) {
        return load(view, receipt, Optional.ofNullable(receipt.cardNumber()).map(n -> card(view, n)), now);
    }

    /** The given card and the items' reservations, each read once. */
    static OnReceipt load(StoreView view, Receipt receipt, Optional<Card> card, Instant now) {
        Map<String, Hold> holds = new LinkedHashMap<>();
        for (Receipt.Item i : receipt.items()) {
            if (i.holdId() != null && !holds.containsKey(i.holdId())) {
                view.hold(i.holdId()).ifPresent(h -> holds.put(h.id(), h));
            }
        }
        return new OnReceipt(receipt, card, holds, now);
    }

    /** The card's credit account, opened with no overdraft if it does not exist yet; none without a card. */
    Map<AccountKey, BigDecimal> accounts() {
        return card.map(c -> Map.of(PosCards.accountOf(c), BigDecimal.ZERO)).orElse(Map.of());
    }

    /**
     * The command, the move it attempts on the receipt ({@link PosReceiptTransition}), the receipt, the card
     * and the items, as the rules see them.
     */
    List<Object> facts(Object command, String transition, Map<AccountKey, Account> accounts) {
        return facts(command, transition, null, accounts);
    }

    /** As {@link #facts(Object, String, Map)}, with the program settings a command that reserves credit needs. */
    List<Object> facts(Object command, String transition, PosSettings settings, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(command);
        facts.add(new PosReceiptTransition(receipt.id(), transition));
        facts.add(receipt.fact());
        if (settings != null) {
            facts.add(settings);
        }
        card.ifPresent(c -> facts.add(cardFact(c, accounts.get(PosCards.accountOf(c)))));
        for (Receipt.Item i : receipt.items()) {
            Hold hold = i.holdId() == null ? null : holds.get(i.holdId());
            facts.add(new PosItem(receipt.id(), i.lineId(), i.price(), i.discount(), i.creditItem(), i.deleted(),
                    i.holdId(), hold != null && hold.isPending(), hold != null && hold.hasRunOutBy(now)));
        }
        return facts;
    }

    /** A card as the rules see it: its definition and its credit account's figures. */
    static PosCard cardFact(Card card, Account account) {
        return new PosCard(card.number(), card.discountPercent(), card.creditDrawing(), card.loadOntoCard(),
                card.currency().getCurrencyCode(), account.key(), account.balance(), account.held(), card.isVoucher(),
                card.validUntil());
    }
}
