package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.unique;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.StaleWriteException;

/** The POS cards of one {@link JpaTransaction}, each updated compare-and-set on the card the caller read. */
final class JpaCards extends JpaRepository implements Cards {
    private static final String CARD_NUMBER = "card number";

    JpaCards(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<CardRow> cardRow(String number) {
        return unique(s.query("select c from CardRow c where c.tenant = :t and c.number = :n", CardRow.class)
                .setParameter("n", number));
    }

    @Override
    public Optional<Card> find(String number) {
        if (!Checks.isIdentifier(number, Limits.CARD_NUMBER)) {
            return Optional.empty();
        }
        return tx.call(() -> cardRow(number).map(CardRow::toCard));
    }

    @Override
    public void insert(Card card) {
        Checks.notNull(card, "card");
        // A number taken before this looks is refused here; one another open transaction is inserting
        // (a caller that did not lock the number) waits on the unique key and is refused at the flush.
        tx.call(() -> {
            if (cardRow(card.number()).isPresent()) {
                throw new DuplicateKeyException(CARD_NUMBER, card.number());
            }
            s.em.persist(new CardRow(s.t, card));
            s.em.flush();
            return null;
        }, () -> new DuplicateKeyException(CARD_NUMBER, card.number()));
    }

    @Override
    public void update(Card read, Card card) {
        Checks.replacing(read, card, Card::number, "card");
        tx.call(() -> {
            CardRow row = cardRow(card.number()).orElseThrow(() -> new InvalidValueException("card "
                    + card.number() + " does not exist; insert it first"));
            // Locked and read afresh, so that the compare and the write see the same committed row.
            s.em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
            if (!row.toCard().sameAs(read)) {
                throw new StaleWriteException("card " + card.number() + " was changed meanwhile by another"
                        + " transaction; read it again and update what follows from it");
            }
            row.set(card);
            s.em.flush();
            return null;
        });
    }

    @Override
    public List<Card> all() {
        return tx.call(() -> s.query("select c from CardRow c where c.tenant = :t", CardRow.class).getResultList()
                .stream().map(CardRow::toCard).sorted(Comparator.comparing(Card::number)).toList());
    }
}
