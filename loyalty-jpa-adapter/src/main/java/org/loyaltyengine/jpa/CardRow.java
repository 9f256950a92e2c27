package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Money;

/** A POS card; the number is unique per tenant. */
@Entity
@Table(name = "le_card")
class CardRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "card_number", nullable = false)
    String number;
    @Column(name = "first_name", nullable = false)
    String firstName;
    @Column(name = "last_name", nullable = false)
    String lastName;
    @Column(name = "discount_percent", nullable = false)
    BigDecimal discountPercent;
    @Column(name = "discount_scale", nullable = false)
    Integer discountScale;
    @Column(name = "credit_drawing", nullable = false)
    boolean creditDrawing;
    @Column(name = "load_onto_card", nullable = false)
    boolean loadOntoCard;
    @Column(name = "currency", nullable = false)
    String currency;
    @Column(name = "card_kind", nullable = false)
    String kind;
    @Column(name = "valid_until")
    LocalDate validUntil;

    protected CardRow() {
    }

    CardRow(String tenant, Card card) {
        this.tenant = tenant;
        this.number = card.number();
        set(card);
    }

    void set(Card card) {
        this.firstName = card.firstName();
        this.lastName = card.lastName();
        this.discountPercent = Decimals.storable(card.discountPercent(), "discount percent");
        this.discountScale = card.discountPercent().scale();
        this.creditDrawing = card.creditDrawing();
        this.loadOntoCard = card.loadOntoCard();
        this.currency = card.currency().getCurrencyCode();
        this.kind = card.kind().name();
        this.validUntil = card.validUntil();
    }

    Card toCard() {
        return new Card(number, firstName, lastName, Decimals.read(discountPercent, discountScale), creditDrawing,
                loadOntoCard, Money.currency(currency), kind(), validUntil);
    }

    // A kind written straight into the table (not by the store) is a typed error, never the JDK's.
    private Card.Kind kind() {
        for (Card.Kind k : Card.Kind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        throw new InvalidValueException("card " + number + " is stored with the kind '" + kind + "'; a card is one of "
                + Arrays.toString(Card.Kind.values()));
    }
}
