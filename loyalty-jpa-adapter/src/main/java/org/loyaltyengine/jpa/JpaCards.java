package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.first;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/** The POS cards of one {@link JpaTransaction}, each updated only over what it first read. */
final class JpaCards extends JpaRepository implements Cards {
    private static final String CARD_NUMBER = "card number";

    /** Each card this transaction first read (null: it read that there was none). */
    private final Map<String, Card> cardsRead = new HashMap<>();

    JpaCards(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<CardRow> cardRow(String number) {
        return first(s.query("select c from CardRow c where c.tenant = :t and c.number = :n", CardRow.class)
                .setParameter("n", number));
    }

    @Override
    public Optional<Card> find(String number) {
        if (!Checks.isIdentifier(number, Limits.CARD_NUMBER)) {
            return Optional.empty();
        }
        Optional<Card> card = tx.call(() -> cardRow(number).map(CardRow::toCard));
        if (number != null && !cardsRead.containsKey(number)) {
            cardsRead.put(number, card.orElse(null));
        }
        return card;
    }

    @Override
    public void insert(Card card) {
        Checks.notNull(card, "card");
        // Two transactions inserting the same number at once: the second waits on the unique key and is
        // refused at the flush; the re-run finds the first one's card. A caller that locks the number
        // (LockKey.card) before it looks never gets here; a number taken before it looked is a duplicate.
        Supplier<RuntimeException> takenMeanwhile = () -> new Failures.Retry("card number " + card.number()
                + " was inserted concurrently by another transaction", null);
        tx.call(() -> {
            if (cardRow(card.number()).isPresent()) {
                throw new DuplicateKeyException(CARD_NUMBER, card.number());
            }
            s.em.persist(new CardRow(s.t, card));
            s.em.flush();
            return null;
        }, takenMeanwhile);
    }

    @Override
    public void update(Card card) {
        Checks.notNull(card, "card");
        tx.call(() -> {
            CardRow row = cardRow(card.number()).orElseThrow(() -> new InvalidValueException("card "
                    + card.number() + " does not exist; insert it first"));
            s.em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
            // The update was most likely made from what this transaction read: it must not
            // overwrite what another committed since.
            JpaShared.asFirstRead(cardsRead, card.number(), row.toCard(), "card " + card.number() + " was");
            row.set(card);
            s.em.flush();
            // The row is locked now until commit; what a later read finds is this transaction's own.
            cardsRead.remove(card.number());
            return null;
        });
    }

    @Override
    public List<Card> all() {
        return tx.call(() -> s.query("select c from CardRow c where c.tenant = :t", CardRow.class).getResultList()
                .stream().map(CardRow::toCard).sorted(Comparator.comparing(Card::number)).toList());
    }
}
